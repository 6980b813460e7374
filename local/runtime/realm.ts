// One vm context shaped like APPSYNC_JS, shared by every code string until a handler changes it.
// The host checks the realm's fingerprint after each evaluation (inside the same timed call) and
// the engine replaces a realm that reports 'dirty' or timed out.
import v8 from 'node:v8';
import vm from 'node:vm';
import type { CompiledModule } from './compile';
import { createHostBridge } from './host-bridge';
import { realmBundleScript, type RealmEntryExports } from './realm-bundle';
import { RUN_GLOBAL, type OutcomeKind, type RealmApi, type RealmOptions } from './realm-protocol';

export interface RawOutcome {
  kind: OutcomeKind;
  valueJson: string;
  stashJson: string;
  recordJson: string;
  detail: string;
}

const runScript = new vm.Script(`${RUN_GLOBAL}()`, { filename: 'appsync-invoke.js' });

export class Realm {
  /** Set once the realm may hold a handler's changes; the engine then makes a new one. */
  dirty = false;
  /** The clock the library's time helpers read; the engine sets it per evaluation. */
  clock: () => number = Date.now;

  private readonly context: vm.Context;
  private readonly api: RealmApi;
  private readonly factories = new WeakMap<CompiledModule, unknown>();
  private delivered: RawOutcome | undefined;

  constructor(options: RealmOptions) {
    // No code generation from strings: eval and the Function constructor fail inside V8 itself.
    this.context = vm.createContext({}, { codeGeneration: { strings: false, wasm: false } });
    const entry = realmBundleScript().runInContext(this.context) as RealmEntryExports;
    const bridge = {
      ...createHostBridge(() => this.clock()),
      heapUsedBytes: () => v8.getHeapStatistics().used_heap_size,
      deliver: (kind: OutcomeKind, valueJson: string, stashJson: string, recordJson: string, detail: string) => {
        this.delivered = { kind, valueJson, stashJson, recordJson, detail };
      },
    };
    this.api = entry.install(bridge, options);
    const checker = new vm.Script(this.api.checkerSource(), { filename: 'appsync-fingerprint.js' });
    this.api.bindChecker(checker.runInContext(this.context));
  }

  evaluate(module: CompiledModule, handlerName: string, contextJson: string, authType: string, timeoutMs: number): RawOutcome {
    let factory = this.factories.get(module);
    if (factory === undefined) {
      factory = module.script.runInContext(this.context);
      this.factories.set(module, factory);
    }
    this.api.prepare(factory, handlerName, contextJson, authType, timeoutMs);
    this.delivered = undefined;
    // The instrumented clock covers resolver code; the watchdog (a thread per call) is armed only
    // for code that can block inside one built-in call.
    const watchdog = module.needsWatchdog && timeoutMs > 0 ? { timeout: timeoutMs } : {};
    let verdict: unknown;
    try {
      verdict = runScript.runInContext(this.context, watchdog);
    } catch (error) {
      this.dirty = true;
      if ((error as { code?: unknown }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') {
        return { kind: 'timeout', valueJson: 'null', stashJson: '{}', recordJson: '{}', detail: '' };
      }
      throw error;
    }
    if (verdict !== 'clean') this.dirty = true;
    const outcome = this.delivered;
    if (outcome === undefined) throw new Error('the realm did not deliver an outcome');
    return outcome;
  }
}
