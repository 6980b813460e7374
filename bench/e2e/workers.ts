/**
 * The orchestrator's side of the load-generator processes (subscriber-worker.ts,
 * sender-worker.ts): each is forked with tsx and answers one IPC message per command.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { SenderCommand, SenderReply, SubscriberCommand, SubscriberReply } from './protocol';

export interface Worker<Command, Reply> {
  ask(command: Command): Promise<Reply>;
  kill(): Promise<void>;
}

function forkWorker<Command, Reply>(script: string): Worker<Command, Reply> {
  const child: ChildProcess = fork(join(__dirname, script), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  // Only a pending answer keeps this process alive for the worker's sake: a caller that ends
  // (or a test that fails) without kill() is not held open by an idle worker, which then exits
  // on 'disconnect'.
  child.unref();
  child.channel?.unref();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    ask: (command) =>
      new Promise<Reply>((resolve, reject) => {
        const onExit = (): void => reject(new Error(`${script} exited while answering ${JSON.stringify(command).slice(0, 80)}`));
        child.once('exit', onExit);
        child.channel?.ref();
        child.once('message', (reply) => {
          child.off('exit', onExit);
          child.channel?.unref();
          resolve(reply as Reply);
        });
        child.send(command as object);
      }),
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

export const forkSubscriberWorker = (): Worker<SubscriberCommand, SubscriberReply> => forkWorker('subscriber-worker.ts');
export const forkSenderWorker = (): Worker<SenderCommand, SenderReply> => forkWorker('sender-worker.ts');
