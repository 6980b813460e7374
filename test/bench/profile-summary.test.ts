// bench/profile-summary.ts on a small hand-made profile: self time per function, file and
// package, idle time apart, and the repository's functions with the time spent below them.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { summariseProfile, type CpuProfile } from '../../bench/profile-summary';

const ROOT = path.join(__dirname, '..', '..');
const inRepo = (file: string): string => pathToFileURL(path.join(ROOT, file)).href;

// root -> (idle); root -> handle (local/server/x.ts) -> encode (node_modules/pkg/index.js)
const profile: CpuProfile = {
  nodes: [
    { id: 1, callFrame: { functionName: '(root)', url: '', lineNumber: -1 }, children: [2, 3] },
    { id: 2, callFrame: { functionName: '(idle)', url: '', lineNumber: -1 } },
    { id: 3, callFrame: { functionName: 'handle', url: inRepo('local/server/x.ts'), lineNumber: 9 }, children: [4] },
    { id: 4, callFrame: { functionName: 'encode', url: inRepo('node_modules/pkg/index.js'), lineNumber: 0 } },
  ],
  // Sample i lasts until the next one: 1 ms in handle, 2 + 3 ms in encode, 4 ms idle; the last sample has no length.
  samples: [3, 4, 4, 2, 3],
  timeDeltas: [0, 1000, 2000, 3000, 4000],
};

describe('summariseProfile', () => {
  const summary = summariseProfile(profile);

  it('splits busy from idle time', () => {
    expect(summary.busyMs).toBe(6);
    expect(summary.idleMs).toBe(4);
  });

  it('ranks self time by function, file and package, as shares of the busy time', () => {
    expect(summary.functions.map((c) => [c.name, c.ms, c.share])).toEqual([
      ['encode node_modules/pkg/index.js:1', 5, 5 / 6],
      ['handle local/server/x.ts:10', 1, 1 / 6],
    ]);
    expect(summary.files.map((c) => [c.name, c.ms])).toEqual([
      ['node_modules/pkg/index.js', 5],
      ['local/server/x.ts', 1],
    ]);
    expect(summary.packages.map((c) => [c.name, c.ms])).toEqual([
      ['pkg', 5],
      ['local/server', 1],
    ]);
  });

  it("counts the time below the repository's own functions, not node_modules'", () => {
    expect(summary.inclusive.map((c) => [c.name, c.ms])).toEqual([['handle local/server/x.ts:10', 6]]);
  });
});
