// Runs INSIDE a resolver vm context: realm-bundle.ts bundles this file (with the in-realm AppSync
// library) into a script, and realm.ts calls `install` once per context. It shapes the globals
// like APPSYNC_JS, evaluates one handler per RUN_GLOBAL() call, and fingerprints the realm so the
// host can throw away a context that a handler changed.
//
// Everything here uses intrinsics captured before resolver code ever runs, so a handler that
// replaces JSON.stringify or Array.prototype.push cannot break the bookkeeping.
import { createAppSyncModules } from './sandbox/lib/index';
import { isSignal, newEvaluationRecord, type AppendedError, type EvaluationRecord } from './sandbox/contract';
import { authTypeOfIdentity } from './auth-type';
import { planFingerprint } from './realm-fingerprint';
import { formatLogLine, type LogLevel } from './log-line';
import { RUN_GLOBAL, type OutcomeKind, type RealmApi, type RealmBridge, type RealmOptions } from './realm-protocol';

interface PendingEvaluation {
  factory: (modules: unknown, loopTick: () => void, callTick: () => void) => Record<string, unknown>;
  handlerName: string;
  contextJson: string;
  authType: string;
  timeoutMs: number;
}

/** Globals APPSYNC_JS does not offer (reference §2.4 "treat as unsupported", plus host escapes). */
const REMOVED_GLOBALS = [
  'Date', 'Promise', 'Set', 'Map', 'WeakMap', 'WeakSet', 'WeakRef', 'FinalizationRegistry', 'Symbol',
  'RegExp', 'Function', 'eval', 'Intl', 'Proxy', 'Reflect', 'Atomics', 'SharedArrayBuffer', 'WebAssembly',
  'ArrayBuffer', 'DataView', 'Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array',
  'Int32Array', 'Uint32Array', 'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array', 'BigInt',
  'parseInt', 'parseFloat', 'encodeURI', 'encodeURIComponent', 'decodeURI', 'decodeURIComponent', 'escape',
  'unescape', 'AggregateError', 'Iterator', 'queueMicrotask', 'structuredClone', 'atob', 'btoa', 'setTimeout',
  'setInterval', 'setImmediate', 'clearTimeout', 'clearInterval', 'require', 'process', 'Buffer',
];

/**
 * Removed globals whose prototypes resolver code can still reach, so the fingerprint watches them:
 * BigInt through a literal (`0n`), Symbol through a symbol-keyed property, RegExp through the
 * regular expressions String methods make. The others are reachable only by their global name.
 */
const STILL_REACHABLE_GLOBALS = ['BigInt', 'Symbol', 'RegExp'] as const;

/** Constructors that APPSYNC_JS rejects when called as functions (`String(x)` and friends). */
const UNCALLABLE_CONSTRUCTORS = ['String', 'Number', 'Boolean'] as const;

/** Thrown by the instrumented clock; resolver code has no try/catch, so only run() sees it. */
const TIME_LIMIT = Object.freeze({ timeLimit: true });

export function install(bridge: RealmBridge, options: RealmOptions): RealmApi {
  const realm = globalThis as unknown as Record<string, unknown>;
  const { parse, stringify } = JSON;
  const ownKeys = Reflect.ownKeys;
  const deleteProperty = Reflect.deleteProperty;
  const describe = Object.getOwnPropertyDescriptor;
  const define = Object.defineProperty;
  const getPrototypeOf = Object.getPrototypeOf;
  const isExtensible = Object.isExtensible;
  const freeze = Object.freeze;
  const hasOwn = Object.hasOwn;
  const DateClass = Date;
  const dateNow = Date.now;
  const ErrorClass = Error;
  const RangeErrorClass = RangeError;
  const StringFunction = String;
  const isArray = Array.isArray;
  const iteratorSymbol: typeof Symbol.iterator = Symbol.iterator;
  const objectAssign = Object.assign;
  const objectCreate = Object.create;
  const objectKeys = Object.keys;
  const apply = Reflect.apply;
  const RegExpClass = RegExp;
  const maxLoopIterations = options.maxLoopIterations;
  const { maxArrayLength, maxStringLength, maxHeapGrowthBytes, heapCheckCalls, heapCheckLoops } = options;
  const heapUsedBytes = bridge.heapUsedBytes;

  let record: EvaluationRecord = newEvaluationRecord();
  let authType = '';
  let requestId: string | undefined;
  let iterations = 0;
  let calls = 0;
  let heapAtStart = 0;
  let deadline = Infinity;
  let pending: PendingEvaluation | undefined;
  let running = false;
  /** Removed globals whose objects resolver code still reaches: see STILL_REACHABLE_GLOBALS. */
  const removedButReachable: unknown[] = [];

  const modules = createAppSyncModules(bridge, () => record, () => authType);

  // Module namespaces are immutable in ESM; the objects behind them (util, ...) are not.
  const nullPrototype = <T extends object>(entries: T): T => freeze(objectAssign(objectCreate(null) as T, entries));
  const modulesByName = freeze({
    '@aws-appsync/utils': nullPrototype({ util: modules.util, runtime: modules.runtime, extensions: modules.extensions }),
    '@aws-appsync/utils/dynamodb': nullPrototype({ ...modules.dynamodb }),
    '@aws-appsync/utils/rds': nullPrototype({ ...modules.rds }),
  });

  const log = (level: LogLevel, args: unknown[]): void => {
    requestId ??= bridge.randomUUID();
    const parts: string[] = [];
    for (let i = 0; i < args.length; i++) parts[i] = describeLogArgument(args[i]);
    const line = formatLogLine(new DateClass(bridge.nowMs()).toISOString(), requestId, level, parts.join(' '));
    record.logs[record.logs.length] = line;
  };
  const describeLogArgument = (value: unknown): string => {
    if (typeof value === 'string') return value;
    try {
      const json = stringify(value);
      return json === undefined ? StringFunction(value) : json;
    } catch {
      return StringFunction(value);
    }
  };

  // The heap this evaluation has grown, against its bound (a host call, so only now and then).
  const checkHeap = (): void => {
    const grown = heapUsedBytes() - heapAtStart;
    if (grown > maxHeapGrowthBytes) {
      throw new RangeErrorClass(`Memory limit exceeded: the evaluation grew the heap by more than ${maxHeapGrowthBytes / 1024 / 1024} MB`);
    }
  };
  // Called at every function entry: the realm's own clock (no host call) against the deadline.
  const callTick = (): void => {
    if (dateNow() > deadline) throw TIME_LIMIT;
    calls += 1;
    if (calls % heapCheckCalls === 0) checkHeap();
  };
  // Called at every loop iteration: the loop quota, then the clock.
  const loopTick = (): void => {
    iterations += 1;
    if (iterations > maxLoopIterations) {
      throw new RangeErrorClass(`Loop iteration limit of ${maxLoopIterations} exceeded`);
    }
    if (dateNow() > deadline) throw TIME_LIMIT;
    if (iterations % heapCheckLoops === 0) checkHeap();
  };

  shapeGlobals();
  define(realm, RUN_GLOBAL, { value: run, writable: false, enumerable: false, configurable: false });
  const fingerprint = planFingerprint(trackedObjects(), { ownKeys, describe, getPrototypeOf, isExtensible, stringify });
  // Until the host hands back the compiled checker, every realm counts as changed.
  let isPristine: () => boolean = () => false;

  return {
    checkerSource: () => fingerprint.source,
    bindChecker(factory) {
      const { targets, values, symbols } = fingerprint.inputs;
      const bind = factory as (...inputs: unknown[]) => () => boolean;
      isPristine = bind(targets, values, symbols, getPrototypeOf, isExtensible, objectKeys, describe);
    },
    prepare(factory, handlerName, contextJson, evaluationAuthType, timeoutMs) {
      pending = { factory: factory as PendingEvaluation['factory'], handlerName, contextJson, authType: evaluationAuthType, timeoutMs };
    },
  };

  function shapeGlobals(): void {
    realm.util = modules.util;
    realm.runtime = modules.runtime;
    realm.extensions = modules.extensions;
    realm.console = {
      log: (...args: unknown[]) => log('INFO', args),
      error: (...args: unknown[]) => log('ERROR', args),
    };
    // AWS: JSON.parse answers "" instead of throwing on invalid input.
    JSON.parse = function parseLikeAppSync(text: string, reviver?: (key: string, value: unknown) => unknown): unknown {
      try {
        return parse(text, reviver);
      } catch {
        return '';
      }
    };
    useJavaStylePatterns();
    boundAllocations();
    for (const name of UNCALLABLE_CONSTRUCTORS) realm[name] = uncallable(name, realm[name] as object);
    // `(() => {}).constructor` would otherwise still reach the Function constructor.
    const functionPrototype = getPrototypeOf(function probe() {}) as { constructor: unknown };
    functionPrototype.constructor = uncallable('Function', {});
    delete (Object as { fromEntries?: unknown }).fromEntries;
    for (const name of STILL_REACHABLE_GLOBALS) removedButReachable.push(realm[name]);
    for (const name of REMOVED_GLOBALS) deleteProperty(realm, name);
  }

  /**
   * APPSYNC_JS documents that replace/replaceAll take a string pattern with Java regex semantics
   * ('a.b'.replaceAll('.', '-') is '---'). Approximated with a JavaScript RegExp of the pattern.
   */
  function useJavaStylePatterns(): void {
    const stringPrototype = String.prototype as unknown as Record<string, unknown>;
    const nativeReplace = stringPrototype.replace as (...args: unknown[]) => string;
    stringPrototype.replace = function replace(this: string, pattern: unknown, replacement: unknown): string {
      const regex = typeof pattern === 'string' ? new RegExpClass(pattern) : pattern;
      return apply(nativeReplace, this, [regex, replacement]);
    };
    stringPrototype.replaceAll = function replaceAll(this: string, pattern: unknown, replacement: unknown): string {
      const regex = typeof pattern === 'string' ? new RegExpClass(pattern, 'g') : pattern;
      return apply(nativeReplace, this, [regex, replacement]);
    };
  }

  /**
   * The built-ins whose one call allocates as much as its argument asks (limits.ts): over the
   * bounds they throw a RangeError, which ends the evaluation like any exception.
   */
  function boundAllocations(): void {
    const tooLong = (what: string, size: number, limit: number, unit: string) =>
      new RangeErrorClass(`${what} of ${size} ${unit} is over the runtime's limit of ${limit} ${unit}`);
    const NativeArray = Array;
    const guardedArray = function Array(...args: unknown[]): unknown {
      if (args.length === 1 && typeof args[0] === 'number' && args[0] > maxArrayLength) throw tooLong('An array', args[0], maxArrayLength, 'elements');
      return apply(NativeArray, undefined, args);
    };
    for (const key of ownKeys(NativeArray)) {
      if (key === 'length' || key === 'name') continue;
      const descriptor = describe(NativeArray, key);
      if (descriptor !== undefined) define(guardedArray, key, descriptor);
    }
    realm.Array = guardedArray;

    const arrayPrototype = NativeArray.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
    const wrapArray = (name: string, sizeOf: (self: unknown[], args: unknown[]) => number) => {
      const native = arrayPrototype[name];
      const wrapped = {
        [name](this: unknown[], ...args: unknown[]): unknown {
          const size = sizeOf(this, args);
          if (size > maxArrayLength) throw tooLong(`Array.prototype.${name} on an array`, size, maxArrayLength, 'elements');
          return apply(native, this, args);
        },
      }[name];
      define(arrayPrototype, name, { value: wrapped, writable: true, enumerable: false, configurable: true });
    };
    wrapArray('fill', (self) => self.length);
    wrapArray('join', (self) => self.length);
    wrapArray('concat', (self, args) => args.reduce<number>((n, a) => n + (isArray(a) ? (a as unknown[]).length : 1), self.length));

    const stringPrototype = String.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
    const wrapString = (name: string, sizeOf: (self: string, args: unknown[]) => number) => {
      const native = stringPrototype[name];
      const wrapped = {
        [name](this: string, ...args: unknown[]): unknown {
          const size = sizeOf(this, args);
          if (size > maxStringLength) throw tooLong(`String.prototype.${name} result`, size, maxStringLength, 'characters');
          return apply(native, this, args);
        },
      }[name];
      define(stringPrototype, name, { value: wrapped, writable: true, enumerable: false, configurable: true });
    };
    wrapString('repeat', (self, [count]) => `${self}`.length * (typeof count === 'number' && count > 0 ? count : 0));
    wrapString('padStart', (_self, [target]) => (typeof target === 'number' ? target : 0));
    wrapString('padEnd', (_self, [target]) => (typeof target === 'number' ? target : 0));
  }

  /** A stand-in that throws like AWS when called but keeps the static helpers (Number.isNaN...). */
  function uncallable(name: string, original: object): object {
    const stand = function () {
      const error = new ErrorClass(`Invalid function: ${name}`);
      error.name = 'INVALID_FUNCTION_INVOCATION';
      throw error;
    };
    for (const key of ownKeys(original)) {
      if (key === 'length' || key === 'name') continue;
      const descriptor = describe(original, key);
      if (descriptor !== undefined) define(stand, key, descriptor);
    }
    define(stand, 'name', { value: name });
    return stand;
  }

  function run(): string {
    const evaluation = pending;
    pending = undefined;
    if (evaluation === undefined || running) return 'dirty';
    running = true;
    record = newEvaluationRecord();
    authType = evaluation.authType;
    requestId = undefined;
    iterations = 0;
    calls = 0;
    heapAtStart = heapUsedBytes();
    deadline = evaluation.timeoutMs > 0 ? dateNow() + evaluation.timeoutMs : Infinity;

    let kind: OutcomeKind = 'return';
    let valueJson = 'null';
    let detail = '';
    let ctx: Record<string, unknown> | undefined;
    try {
      ctx = buildContext(evaluation.contextJson);
      if (authType === '') authType = authTypeOfIdentity(ctx.identity);
      const exported = evaluation.factory(modulesByName, loopTick, callTick);
      const handler = exported[evaluation.handlerName];
      if (typeof handler !== 'function') {
        kind = 'missingHandler';
      } else {
        valueJson = toJson(handler(ctx));
      }
    } catch (thrown) {
      if (thrown === TIME_LIMIT) {
        kind = 'timeout';
      } else if (isSignal(thrown)) {
        kind = thrown.__appsync;
        if (thrown.__appsync === 'error') {
          const error: AppendedError = { message: thrown.message, errorType: thrown.errorType, data: thrown.data, errorInfo: thrown.errorInfo };
          valueJson = safeJson(error, '{}');
        } else if (thrown.__appsync === 'earlyReturn') {
          valueJson = safeJson(thrown.value === undefined ? null : thrown.value, 'null');
          detail = thrown.skipTo ?? '';
        }
      } else {
        kind = 'exception';
        detail = describeException(thrown);
      }
    }
    const stashJson = ctx === undefined ? '{}' : safeJson(ctx.stash, '{}');
    const recordJson = safeJson(record, '{}');
    running = false;
    bridge.deliver(kind, valueJson, stashJson, recordJson, detail);
    return isPristine() ? 'clean' : 'dirty';
  }

  function buildContext(contextJson: string): Record<string, unknown> {
    const parsed: unknown = parse(contextJson);
    const input = isObject(parsed) ? parsed : {};
    const ctx: Record<string, unknown> = {};
    const args = isObject(input.arguments) ? input.arguments : {};
    ctx.arguments = args;
    ctx.args = args;
    ctx.identity = hasOwn(input, 'identity') ? input.identity : null;
    ctx.source = hasOwn(input, 'source') ? input.source : null;
    if (hasOwn(input, 'error')) ctx.error = input.error;
    ctx.stash = isObject(input.stash) ? input.stash : {};
    ctx.result = hasOwn(input, 'result') ? input.result : null;
    ctx.prev = isObject(input.prev) ? input.prev : {};
    ctx.request = isObject(input.request) ? input.request : { headers: {} };
    const info = isObject(input.info) ? input.info : {};
    // AWS: JSON.stringify(ctx.info) leaves out the selection set; reading the properties works.
    for (const key of ['selectionSetList', 'selectionSetGraphQL']) {
      if (hasOwn(info, key)) define(info, key, { enumerable: false });
    }
    ctx.info = info;
    ctx.env = isObject(input.env) ? input.env : {};
    for (const key of ownKeys(input)) {
      if (typeof key === 'string' && !hasOwn(ctx, key)) ctx[key] = input[key];
    }
    return ctx;
  }

  function isObject(value: unknown): value is Record<string, unknown> {
    return typeof value === 'object' && value !== null && !isArray(value);
  }

  /** The handler's return value as JSON; `undefined` and functions become null like a missing value. */
  function toJson(value: unknown): string {
    const json = stringify(value) as string | undefined;
    return json === undefined ? 'null' : json;
  }

  function safeJson(value: unknown, fallback: string): string {
    try {
      const json = stringify(value) as string | undefined;
      return json === undefined ? fallback : json;
    } catch {
      return fallback;
    }
  }

  function describeException(thrown: unknown): string {
    let name = 'Error';
    let message = '';
    let stack = '';
    try {
      if (typeof thrown === 'object' && thrown !== null) {
        const error = thrown as { name?: unknown; message?: unknown; stack?: unknown };
        name = StringFunction(error.name ?? 'Error');
        message = StringFunction(error.message ?? '');
        stack = typeof error.stack === 'string' ? error.stack : '';
      } else {
        message = StringFunction(thrown);
      }
    } catch {
      message = 'unknown error';
    }
    return safeJson({ name, message, stack }, '{}');
  }

  function trackedObjects(): object[] {
    const targets: object[] = [];
    const add = (value: unknown): void => {
      if ((typeof value === 'object' && value !== null) || typeof value === 'function') {
        if (targets.indexOf(value) === -1) targets.push(value);
      }
    };
    add(realm);
    for (const key of ownKeys(realm)) {
      const descriptor = describe(realm, key);
      if (descriptor === undefined || !('value' in descriptor)) continue;
      add(descriptor.value);
      if (typeof descriptor.value === 'function' && hasOwn(descriptor.value, 'prototype')) add(descriptor.value.prototype);
    }
    // Built-ins whose globals are gone but whose objects resolver code still reaches, and
    // intrinsics no global names: iterator, generator and async function prototypes.
    for (const value of removedButReachable) {
      add(value);
      if (typeof value === 'function' && hasOwn(value, 'prototype')) add(value.prototype);
    }
    const arrayIterator = getPrototypeOf([][iteratorSymbol]()) as object;
    add(getPrototypeOf(function probe() {}));
    add(arrayIterator);
    add(getPrototypeOf(arrayIterator));
    add(getPrototypeOf(''[iteratorSymbol]()));
    add(getPrototypeOf(''.matchAll(new RegExpClass('', 'g'))));
    for (const probe of [function* generator() {}, async function asyncFunction() {}, async function* asyncGenerator() {}]) {
      const functionPrototype = getPrototypeOf(probe) as { constructor: unknown; prototype?: object };
      add(functionPrototype);
      add(functionPrototype.constructor);
      add(functionPrototype.prototype);
      if (functionPrototype.prototype !== undefined) add(getPrototypeOf(functionPrototype.prototype));
    }
    // The AppSync library objects, down to their namespaces (util.time, util.dynamodb, ...).
    const walked: object[] = [];
    const addTree = (value: unknown, depth: number): void => {
      if (typeof value !== 'object' || value === null || walked.indexOf(value) !== -1) return;
      walked.push(value);
      add(value);
      if (depth === 0) return;
      for (const key of ownKeys(value)) {
        const descriptor = describe(value, key);
        if (descriptor !== undefined && 'value' in descriptor) addTree(descriptor.value, depth - 1);
      }
    };
    addTree(modules.util, 3);
    addTree(modules.runtime, 3);
    addTree(modules.extensions, 3);
    addTree(modules.dynamodb, 3);
    addTree(modules.rds, 3);
    return targets;
  }
}
