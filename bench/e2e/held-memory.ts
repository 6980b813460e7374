/**
 * Memory another Node process holds, read through its inspector: a full collection
 * (HeapProfiler.collectGarbage), then process.memoryUsage() evaluated in it. Used around the
 * idle-socket measurement only: the JS heap and external memory after a collection is memory the
 * sockets keep, where RSS also moves with pages the allocator has not yet given back.
 */
import { openInspector } from './inspector';

export interface HeldMemory {
  rssMiB: number;
  /** heapUsed + external (Buffers included), after a full collection. */
  heldMiB: number;
}

export async function heldMemory(inspectorPort: number): Promise<HeldMemory> {
  const inspector = await openInspector(inspectorPort);
  try {
    await inspector.call('HeapProfiler.collectGarbage');
    const evaluated = await inspector.call('Runtime.evaluate', { expression: 'JSON.stringify(process.memoryUsage())', returnByValue: true });
    const usage = JSON.parse(String((evaluated.result as { value: string }).value)) as NodeJS.MemoryUsage;
    return { rssMiB: usage.rss / 2 ** 20, heldMiB: (usage.heapUsed + usage.external) / 2 ** 20 };
  } finally {
    inspector.close();
  }
}
