/**
 * A session on another Node process's inspector (each server is started with --inspect on a
 * loopback port of its own), for the few DevTools-protocol calls the benchmark makes.
 */
import WebSocket from 'ws';

export interface InspectorSession {
  call(method: string, params?: Record<string, unknown>): Promise<Record<string, unknown>>;
  close(): void;
}

export async function openInspector(inspectorPort: number): Promise<InspectorSession> {
  const targets = (await (await fetch(`http://127.0.0.1:${inspectorPort}/json/list`)).json()) as Array<{ webSocketDebuggerUrl: string }>;
  const url = targets[0]?.webSocketDebuggerUrl;
  if (!url) throw new Error(`no inspector target on port ${inspectorPort}`);
  const socket = new WebSocket(url);
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  let nextId = 1;
  return {
    call: (method, params = {}) =>
      new Promise((resolve, reject) => {
        const id = nextId++;
        const listener = (raw: WebSocket.RawData): void => {
          const answer = JSON.parse(String(raw)) as { id?: number; result?: Record<string, unknown>; error?: unknown };
          if (answer.id !== id) return;
          socket.off('message', listener);
          if (answer.error) reject(new Error(`${method}: ${JSON.stringify(answer.error)}`));
          else resolve(answer.result ?? {});
        };
        socket.on('message', listener);
        socket.send(JSON.stringify({ id, method, params }));
      }),
    close: () => socket.close(),
  };
}
