/**
 * One bash session fed on stdin, the way a person pastes commands into a terminal: each step
 * runs in the same shell (its variables and background jobs stay), and its output is read up to
 * a marker the session echoes with the step's exit status.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';

export interface StepResult {
  output: string;
  status: number;
}

export class BashSession {
  private readonly child: ChildProcessWithoutNullStreams;
  private output = '';
  private readonly listeners = new Set<() => void>();
  private steps = 0;
  readonly exited: Promise<void>;

  constructor(cwd: string, env: NodeJS.ProcessEnv = process.env) {
    this.child = spawn('bash', ['--noprofile', '--norc'], { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
    const take = (chunk: Buffer) => {
      this.output += chunk.toString('utf8');
      for (const listener of this.listeners) listener();
    };
    this.child.stdout.on('data', take);
    this.child.stderr.on('data', take);
    this.exited = new Promise((resolve) => this.child.once('exit', () => resolve()));
  }

  /** Everything the session (and its background jobs) printed so far. */
  get transcript(): string {
    return this.output;
  }

  /** Resolves with the transcript once `match` finds something in it. */
  waitFor(match: RegExp): Promise<RegExpExecArray> {
    return new Promise((resolve) => {
      const check = () => {
        const found = match.exec(this.output);
        if (!found) return;
        this.listeners.delete(check);
        resolve(found);
      };
      this.listeners.add(check);
      check();
    });
  }

  /** Pastes `commands`, then waits for them to finish; returns what they printed and their status. */
  async run(commands: string): Promise<StepResult> {
    this.steps += 1;
    const marker = `@@step-${this.steps}-done`;
    const start = this.output.length;
    this.child.stdin.write(`${commands}\necho "${marker} $?"\n`);
    const found = await this.waitFor(new RegExp(`${marker} (\\d+)\\n`));
    const end = this.output.indexOf(marker, start);
    return { output: this.output.slice(start, end), status: Number(found[1]) };
  }

  /** Ends the shell (and with it any background job still reading its terminal). */
  async close(): Promise<void> {
    this.child.stdin.end('kill $(jobs -p) 2>/dev/null; exit\n');
    await this.exited;
  }
}
