// One shared instance per distinct JSON value, dropped with its last holder.
import { InternTable } from '../../../local/realtime/intern-table';

it('hands the first instance of a value to every later holder of an equal one', () => {
  const table = new InternTable<{ a: number[] }>();
  const first = { a: [1, 2] };
  expect(table.acquire(first)).toBe(first);
  expect(table.acquire({ a: [1, 2] })).toBe(first);
  const other = { a: [2, 1] };
  expect(table.acquire(other)).toBe(other);
  expect(table.size).toBe(2);
});

it('keeps a value while anyone holds it, and drops it with the last holder', () => {
  const table = new InternTable<{ k: string }>();
  const shared = table.acquire({ k: 'x' });
  table.acquire({ k: 'x' });
  table.release(shared);
  expect(table.size).toBe(1);
  expect(table.acquire({ k: 'x' })).toBe(shared);
  table.release(shared);
  table.release(shared);
  expect(table.size).toBe(0);
  // After it was dropped, an equal value is a new instance.
  const again = { k: 'x' };
  expect(table.acquire(again)).toBe(again);
});

it('ignores a release of an instance it did not hand out', () => {
  const table = new InternTable<{ k: string }>();
  const shared = table.acquire({ k: 'x' });
  table.release({ k: 'x' });
  expect(table.size).toBe(1);
  expect(table.acquire({ k: 'x' })).toBe(shared);
});
