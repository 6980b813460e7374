// What the host (realm.ts) and the in-realm entry (realm-entry.ts) say to each other. Only
// primitives cross the boundary, so no host object ever leaks into resolver code and no realm
// object is kept by the host.
import type { HostBridge } from './sandbox/contract';

/** How a handler evaluation ended. */
export type OutcomeKind = 'return' | 'error' | 'unauthorized' | 'earlyReturn' | 'exception' | 'missingHandler' | 'timeout';

/** The realm calls this once at the end of every evaluation. */
export type Deliver = (kind: OutcomeKind, valueJson: string, stashJson: string, recordJson: string, detail: string) => void;

export interface RealmBridge extends HostBridge {
  deliver: Deliver;
  /** V8's used heap size in bytes, for the evaluation's memory bound. */
  heapUsedBytes(): number;
}

/** The realm's own limits (values in limits.ts). */
export interface RealmOptions {
  maxLoopIterations: number;
  maxArrayLength: number;
  maxStringLength: number;
  maxHeapGrowthBytes: number;
  heapCheckCalls: number;
  heapCheckLoops: number;
}

/** Returned by the bundle's `install`; the host keeps it for the realm's lifetime. */
export interface RealmApi {
  /** Source of the realm's fingerprint checker; the host compiles it and passes the result to bindChecker. */
  checkerSource(): string;
  bindChecker(factory: unknown): void;
  /**
   * Sets what the next `RUN_GLOBAL()` evaluates. `factory` is the module factory made in this
   * realm; `timeoutMs` (0 = none) is enforced at every function entry and loop iteration.
   */
  prepare(factory: unknown, handlerName: string, contextJson: string, authType: string, timeoutMs: number): void;
}

/**
 * The global the host's timed one-line script calls: it evaluates the prepared handler, delivers
 * the outcome, and returns 'clean' if the realm looks as it did after install, else 'dirty'.
 */
export const RUN_GLOBAL = '__appsyncRun$';

/** Name the bundle binds its exports to inside its IIFE. */
export const BUNDLE_GLOBAL_NAME = '__appsyncRealmEntry$';
