import type * as acorn from 'acorn';
import * as walk from 'acorn-walk';
import { ruleError, moduleError, type CodeError } from './code-error';
import { spanOf } from './parse-module';
import { ALLOWED_MODULES, ERROR_TYPE, REFUSED_MODULES, SYNTAX_RULE } from './aws-choices';
import { checkAppSyncMembers } from './appsync-members';

/**
 * Checks AWS applies beyond its ESLint plugin: no `new` at all, no module but the AppSync
 * utilities, and the `request` / `response` handlers the runtime calls.
 */

export type HandlerName = 'request' | 'response';

export function checkModule(program: acorn.Program, requiredHandlers: readonly HandlerName[]): CodeError[] {
  return [...checkExpressions(program), ...checkModuleSources(program), ...checkAppSyncMembers(program), ...checkHandlers(program, requiredHandlers)];
}

function unsupported(rule: string, message: string, node: acorn.Node): CodeError {
  return ruleError(ERROR_TYPE.unsupportedSyntax, rule, message, spanOf(node));
}

function describeCallee(node: acorn.Expression): string {
  if (node.type === 'Identifier') return `new ${node.name}`;
  if (node.type === 'MemberExpression' && node.property.type === 'Identifier' && !node.computed) return `new ...${node.property.name}`;
  return 'new';
}

function checkExpressions(program: acorn.Program): CodeError[] {
  const errors: CodeError[] = [];
  walk.simple(program, {
    NewExpression(node) {
      errors.push(unsupported(SYNTAX_RULE.newExpression, `The new operator is not supported (${describeCallee(node.callee)}).`, node));
    },
    ImportExpression(node) {
      errors.push(unsupported(SYNTAX_RULE.dynamicImport, 'Dynamic import() is not supported; use a static import of @aws-appsync/utils.', node));
    },
    CallExpression(node) {
      if (node.callee.type !== 'Identifier' || node.callee.name !== 'require') return;
      const first = node.arguments[0];
      const call = first?.type === 'Literal' && typeof first.value === 'string' ? `require("${first.value}")` : 'require()';
      errors.push(unsupported(SYNTAX_RULE.require, `${call} is not supported: resolver code is an ES module; bundle its dependencies.`, node));
    },
  });
  return errors;
}

function moduleSourceError(source: acorn.Literal): CodeError | undefined {
  const name = String(source.value);
  if (ALLOWED_MODULES.includes(name)) return undefined;
  const refusal = REFUSED_MODULES[name];
  const message = refusal
    ? `Module "${name}" ${refusal}.`
    : `Module "${name}" cannot be imported: only ${ALLOWED_MODULES.join(', ')} are available; bundle other code into the resolver.`;
  return unsupported(SYNTAX_RULE.unsupportedImport, message, source);
}

function checkModuleSources(program: acorn.Program): CodeError[] {
  const errors: CodeError[] = [];
  for (const statement of program.body) {
    const isModuleStatement =
      statement.type === 'ImportDeclaration' || statement.type === 'ExportNamedDeclaration' || statement.type === 'ExportAllDeclaration';
    const source = isModuleStatement ? statement.source : null;
    const error = source ? moduleSourceError(source) : undefined;
    if (error) errors.push(error);
  }
  return errors;
}

function isFunctionExpression(node: acorn.Node | null | undefined): boolean {
  return node?.type === 'ArrowFunctionExpression' || node?.type === 'FunctionExpression';
}

/** Top-level names bound to a function: `function f() {}` or `const f = () => ...` / `function () {}`. */
function topLevelFunctionNames(program: acorn.Program): Set<string> {
  const names = new Set<string>();
  for (const node of program.body) {
    const statement = node.type === 'ExportNamedDeclaration' && node.declaration ? node.declaration : node;
    if (statement.type === 'FunctionDeclaration') names.add(statement.id.name);
    if (statement.type === 'VariableDeclaration') {
      for (const d of statement.declarations) if (d.id.type === 'Identifier' && isFunctionExpression(d.init)) names.add(d.id.name);
    }
  }
  return names;
}

const nameOf = (node: acorn.Identifier | acorn.Literal): string => (node.type === 'Identifier' ? node.name : String(node.value));

/** Every exported name, with whether it is bound to a function of this module. */
function exportedBindings(program: acorn.Program): Map<string, { isFunction: boolean; node: acorn.Node }> {
  const functions = topLevelFunctionNames(program);
  const exported = new Map<string, { isFunction: boolean; node: acorn.Node }>();
  for (const node of program.body) {
    if (node.type !== 'ExportNamedDeclaration') continue;
    const declaration = node.declaration;
    if (declaration?.type === 'FunctionDeclaration') exported.set(declaration.id.name, { isFunction: true, node: declaration });
    if (declaration?.type === 'VariableDeclaration') {
      for (const d of declaration.declarations) {
        if (d.id.type === 'Identifier') exported.set(d.id.name, { isFunction: isFunctionExpression(d.init), node: d });
      }
    }
    for (const specifier of node.specifiers) {
      // Re-exports (`export { x } from '...'`) are not functions of this module.
      const isFunction = !node.source && functions.has(nameOf(specifier.local));
      exported.set(nameOf(specifier.exported), { isFunction, node: specifier });
    }
  }
  return exported;
}

export function checkHandlers(program: acorn.Program, required: readonly HandlerName[]): CodeError[] {
  const exported = exportedBindings(program);
  const errors: CodeError[] = [];
  for (const name of required) {
    const binding = exported.get(name);
    if (!binding) {
      errors.push(moduleError(ERROR_TYPE.missingHandler, SYNTAX_RULE.missingHandler, `The code must export a "${name}" function.`));
    } else if (!binding.isFunction) {
      errors.push(
        ruleError(ERROR_TYPE.missingHandler, SYNTAX_RULE.missingHandler, `The exported "${name}" must be a function declared in this module.`, spanOf(binding.node)),
      );
    }
  }
  return errors;
}
