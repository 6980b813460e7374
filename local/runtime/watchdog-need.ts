// Decides, once per compiled code string, whether its evaluations run under vm's watchdog. The
// instrumented clock sees every function entry and loop iteration, but not the inside of one
// built-in call, so code that names a helper able to run long in one call (WATCHDOG_TRIGGERS: a
// regular expression built from a string) needs the watchdog. The watchdog starts and joins a
// thread per evaluation, which costs several times the evaluation on a busy machine, so one
// common, provably short case is let through: `x.matches(P, value)` where P is a string literal,
// or a top-level variable initialised with one and named nowhere else, holding a bounded pattern
// (bounded-pattern.ts). Any other mention of a trigger name keeps the watchdog.
import type * as acorn from 'acorn';
import * as walk from 'acorn-walk';
import { isBoundedPattern } from './bounded-pattern';
import { WATCHDOG_TRIGGERS } from './limits';

const MATCHES = 'matches';

export function needsWatchdog(program: acorn.Program): boolean {
  const constants = topLevelStringConstants(program);
  // Member expressions `x.matches` that are the callee of a call with a bounded pattern.
  const boundedCallees = new Set<acorn.Node>();
  // The identifiers those calls pass as their pattern, by name.
  const patternReferences = new Map<string, Set<acorn.Node>>();
  walk.simple(program, {
    CallExpression(node) {
      const callee = node.callee;
      if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier' || callee.property.name !== MATCHES) return;
      const [pattern] = node.arguments;
      if (pattern?.type === 'Literal' && typeof pattern.value === 'string' && isBoundedPattern(pattern.value)) {
        boundedCallees.add(callee);
      } else if (pattern?.type === 'Identifier') {
        const constant = constants.get(pattern.name);
        if (constant === undefined || !isBoundedPattern(constant.value)) return;
        boundedCallees.add(callee);
        const references = patternReferences.get(pattern.name) ?? new Set<acorn.Node>();
        references.add(pattern);
        patternReferences.set(pattern.name, references);
      }
    },
  });

  let needed = false;
  const note = (name: string, node?: acorn.Node): void => {
    if (node !== undefined && boundedCallees.has(node)) return;
    if ((WATCHDOG_TRIGGERS as readonly string[]).includes(name)) needed = true;
  };
  walk.simple(program, {
    Identifier: (node) => note(node.name),
    // acorn-walk does not visit the name in `a.b`, so look at member expressions themselves.
    MemberExpression: (node) => {
      if (node.property.type === 'Identifier') note(node.property.name, node);
    },
    Literal: (node) => {
      if (typeof node.value === 'string') note(node.value);
    },
  });
  if (needed) return true;

  // A constant used as a pattern must be named only by its declaration and those calls: any other
  // mention (an assignment, a parameter or variable of the same name that shadows it) could make
  // the call see another pattern.
  for (const [name, references] of patternReferences) {
    const declaration = constants.get(name)?.id;
    let stray = false;
    everyNode(program, (node) => {
      if (node.type === 'Identifier' && (node as acorn.Identifier).name === name && node !== declaration && !references.has(node)) stray = true;
    });
    if (stray) return true;
  }
  return false;
}

/** `var|let|const NAME = 'text'` at the top of the module, for names declared there only once. */
function topLevelStringConstants(program: acorn.Program): Map<string, { value: string; id: acorn.Identifier }> {
  const found = new Map<string, { value: string; id: acorn.Identifier }>();
  const repeated = new Set<string>();
  for (const statement of program.body) {
    const declaration = statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement;
    if (declaration?.type !== 'VariableDeclaration') continue;
    for (const declarator of declaration.declarations) {
      if (declarator.id.type !== 'Identifier') continue;
      const name = declarator.id.name;
      if (found.has(name)) repeated.add(name);
      const init = declarator.init;
      if (init?.type === 'Literal' && typeof init.value === 'string') found.set(name, { value: init.value, id: declarator.id });
      else repeated.add(name);
    }
  }
  for (const name of repeated) found.delete(name);
  return found;
}

/** Every node of the tree, whatever its position (acorn-walk skips declared names and property keys). */
function everyNode(node: acorn.Node, visit: (node: acorn.Node) => void): void {
  visit(node);
  for (const value of Object.values(node) as unknown[]) {
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) everyNode(item, visit);
    } else if (isNode(value)) {
      everyNode(value, visit);
    }
  }
}

function isNode(value: unknown): value is acorn.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}
