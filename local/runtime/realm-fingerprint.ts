// Runs inside the realm (bundled with realm-entry.ts). Snapshots the objects resolver code could
// change (globals, built-in constructors and prototypes, the AppSync library objects) and writes
// the source of a checker that compares them with the snapshot. The checker is generated code with
// one plain property read per tracked property, so V8 keeps every read monomorphic: the whole
// check costs a few microseconds per evaluation. The host compiles the source (code generation
// from strings is off inside the realm) and hands the function back to `bindChecker`.

/** What the generated checker receives, in this order. */
export interface CheckerInputs {
  /** Tracked objects. */
  targets: object[];
  /** Expected values, in the order the source reads them. */
  values: unknown[];
  /** Symbol keys, read as `t[S[i]]`. */
  symbols: symbol[];
}

export interface FingerprintPlan {
  /** `(function (T, V, S, gp, ie, ok, gd) { ... return function check() {...}; })` */
  source: string;
  inputs: CheckerInputs;
}

export interface ReflectionTools {
  ownKeys: (target: object) => PropertyKey[];
  describe: (target: object, key: PropertyKey) => PropertyDescriptor | undefined;
  getPrototypeOf: (target: object) => unknown;
  isExtensible: (target: object) => boolean;
  stringify: (value: unknown) => string;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

export function planFingerprint(targets: object[], tools: ReflectionTools): FingerprintPlan {
  const values: unknown[] = [];
  const symbols: symbol[] = [];
  const value = (v: unknown): string => `V[${values.push(v) - 1}]`;
  const lines: string[] = [];
  for (let i = 0; i < targets.length; i++) {
    const target = targets[i];
    const keys = tools.ownKeys(target);
    const checks: string[] = [
      `gp(t) !== ${value(tools.getPrototypeOf(target))}`,
      `ie(t) !== ${value(tools.isExtensible(target))}`,
      // Assignment creates enumerable properties; a new or deleted one changes this count.
      `ok(t).length !== ${value(enumerableCount(target, keys, tools))}`,
    ];
    for (let k = 0; k < keys.length; k++) {
      // Own keys are strings and symbols (array indices come as strings).
      const key = keys[k] as string | symbol;
      const descriptor = tools.describe(target, key);
      if (descriptor === undefined) continue;
      const access = typeof key === 'symbol' ? `[S[${symbols.push(key) - 1}]]` : IDENTIFIER.test(key) ? `.${key}` : `[${tools.stringify(key)}]`;
      const keyExpression = typeof key === 'symbol' ? `S[${symbols.length - 1}]` : tools.stringify(key);
      if ('value' in descriptor) {
        // Non-writable, non-configurable properties can never change.
        if (!descriptor.writable && !descriptor.configurable) continue;
        const current = descriptor.value as unknown;
        // NaN is the one value not equal to itself.
        checks.push(current !== current ? `t${access} === t${access}` : `t${access} !== ${value(current)}`);
      } else {
        checks.push(`(d = gd(t, ${keyExpression}), d === undefined || d.get !== ${value(descriptor.get)} || d.set !== ${value(descriptor.set)})`);
      }
    }
    lines.push(`t = T[${i}]; if (${checks.join(' || ')}) return false;`);
  }
  const source = `(function (T, V, S, gp, ie, ok, gd) {\n"use strict";\nreturn function check() {\nlet t, d;\n${lines.join('\n')}\nreturn true;\n};\n})`;
  return { source, inputs: { targets, values, symbols } };
}

function enumerableCount(target: object, keys: PropertyKey[], tools: ReflectionTools): number {
  let count = 0;
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k];
    if (typeof key === 'string' && tools.describe(target, key)?.enumerable) count++;
  }
  return count;
}
