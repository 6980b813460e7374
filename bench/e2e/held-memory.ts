/**
 * Memory another Node process holds, read through its inspector (each server is started with
 * --inspect on a loopback port of its own): a full collection (HeapProfiler.collectGarbage), then
 * process.memoryUsage() evaluated in it. Used around the idle-socket measurement only: the JS
 * heap and external memory after a collection is memory the sockets keep, where RSS also moves
 * with pages the allocator has not yet given back.
 */
import WebSocket from 'ws';

export interface HeldMemory {
  rssMiB: number;
  /** heapUsed + external (Buffers included), after a full collection. */
  heldMiB: number;
}

function call(socket: WebSocket, id: number, method: string, params: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const listener = (raw: WebSocket.RawData): void => {
      const answer = JSON.parse(String(raw)) as { id?: number; result?: Record<string, unknown>; error?: unknown };
      if (answer.id !== id) return;
      socket.off('message', listener);
      if (answer.error) reject(new Error(`${method}: ${JSON.stringify(answer.error)}`));
      else resolve(answer.result ?? {});
    };
    socket.on('message', listener);
    socket.send(JSON.stringify({ id, method, params }));
  });
}

export async function heldMemory(inspectorPort: number): Promise<HeldMemory> {
  const targets = (await (await fetch(`http://127.0.0.1:${inspectorPort}/json/list`)).json()) as Array<{ webSocketDebuggerUrl: string }>;
  const url = targets[0]?.webSocketDebuggerUrl;
  if (!url) throw new Error(`no inspector target on port ${inspectorPort}`);
  const socket = new WebSocket(url);
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    await call(socket, 1, 'HeapProfiler.collectGarbage');
    const evaluated = await call(socket, 2, 'Runtime.evaluate', { expression: 'JSON.stringify(process.memoryUsage())', returnByValue: true });
    const usage = JSON.parse(String((evaluated.result as { value: string }).value)) as NodeJS.MemoryUsage;
    return { rssMiB: usage.rss / 2 ** 20, heldMiB: (usage.heapUsed + usage.external) / 2 ** 20 };
  } finally {
    socket.close();
  }
}
