// Running a benchmark must not dirty tracked files: its table goes to a git-ignored folder unless
// --save asks for bench/results/ (tracked, cited by the README).
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { resultsPath } from '../../../bench/results-path';

const ROOT = path.join(__dirname, '../../..');

function ignoredByGit(file: string): boolean {
  try {
    execFileSync('git', ['check-ignore', '-q', path.relative(ROOT, file)], { cwd: ROOT });
    return true;
  } catch {
    return false;
  }
}

describe('benchmark results path', () => {
  it.each([['evaluate.md'], ['realtime-fanout.md']])('%s goes to a git-ignored folder by default', (name) => {
    const file = resultsPath(name, ['node', 'bench/evaluate.ts']);
    expect(path.relative(ROOT, file)).toBe(path.join('build', 'bench', name));
    expect(ignoredByGit(file)).toBe(true);
  });

  it('--save writes the tracked bench/results file', () => {
    const file = resultsPath('evaluate.md', ['node', 'bench/evaluate.ts', '--save']);
    expect(path.relative(ROOT, file)).toBe(path.join('bench', 'results', 'evaluate.md'));
    expect(ignoredByGit(file)).toBe(false);
  });
});
