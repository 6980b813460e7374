import type * as acorn from 'acorn';
import * as walk from 'acorn-walk';
import { createAppSyncModules } from '../sandbox/lib/index';
import { newEvaluationRecord } from '../sandbox/contract';
import { ruleError, type CodeError } from './code-error';
import { spanOf } from './parse-module';
import { ERROR_TYPE, TYPE_CHECK_RULE } from './aws-choices';

/**
 * The part of AppSync's TypeScript check (against its copy of the @aws-appsync/utils types) that
 * the twin repeats: a member read from an AppSync object that does not have it, such as
 * `util.time.nowISO` or `typeHint.DATETIME`, is TS2339 before any code runs, not a TypeError
 * when the line runs. The objects' members are the runtime's own (sandbox/lib), which follow the
 * npm types; AWS's bundled copy may lag them (reference: `ddb.sync`).
 */

interface Shape {
  /** How the type is named in the message, e.g. `typeof import("@aws-appsync/utils/rds")`. */
  typeName: string;
  members: Set<string>;
  /** Members that are themselves AppSync objects (util.time, ddb.operations, rds.typeHint, ...). */
  children: Map<string, Shape>;
}

const GLOBALS = ['util', 'runtime', 'extensions'] as const;

function isNamespaceObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function shapeOf(value: Record<string, unknown>, typeName: string): Shape {
  const children = new Map<string, Shape>();
  for (const [key, member] of Object.entries(value)) {
    if (isNamespaceObject(member)) children.set(key, shapeOf(member, `typeof ${typeName.replace(/^typeof /, '')}.${key}`));
  }
  return { typeName, members: new Set(Object.keys(value)), children };
}

let modules: Map<string, Shape> | undefined;

/** The shapes of the three modules, from a library instance made once in the host (never run). */
function moduleShapes(): Map<string, Shape> {
  if (modules === undefined) {
    const unused = () => {
      throw new Error('not called during a static check');
    };
    const bridge = { randomUUID: unused, randomHex: unused, nowMs: unused, base64Encode: unused, base64Decode: unused };
    const lib = createAppSyncModules(bridge, newEvaluationRecord, () => '');
    const utils = { util: lib.util, runtime: lib.runtime, extensions: lib.extensions };
    modules = new Map([
      ['@aws-appsync/utils', shapeOf(utils, 'typeof import("@aws-appsync/utils")')],
      ['@aws-appsync/utils/dynamodb', shapeOf(lib.dynamodb, 'typeof import("@aws-appsync/utils/dynamodb")')],
      ['@aws-appsync/utils/rds', shapeOf(lib.rds, 'typeof import("@aws-appsync/utils/rds")')],
    ]);
    // The objects keep the names resolver authors know them by.
    const utilsShape = modules.get('@aws-appsync/utils') as Shape;
    for (const name of GLOBALS) rename(utilsShape.children.get(name), name);
  }
  return modules;
}

function rename(shape: Shape | undefined, path: string): void {
  if (shape === undefined) return;
  shape.typeName = `typeof ${path}`;
  for (const [key, child] of shape.children) rename(child, `${path}.${key}`);
}

/** Names bound anywhere in the module other than by an import: such a name is not AppSync's. */
function locallyDeclared(program: acorn.Program): Set<string> {
  const names = new Set<string>();
  const addPattern = (node: acorn.Pattern | null | undefined): void => {
    if (!node) return;
    if (node.type === 'Identifier') names.add(node.name);
    else if (node.type === 'ObjectPattern') node.properties.forEach((p) => addPattern(p.type === 'RestElement' ? p.argument : p.value));
    else if (node.type === 'ArrayPattern') node.elements.forEach((e) => addPattern(e));
    else if (node.type === 'RestElement') addPattern(node.argument);
    else if (node.type === 'AssignmentPattern') addPattern(node.left);
  };
  walk.full(program, (node) => {
    if (node.type === 'VariableDeclarator') addPattern((node as acorn.VariableDeclarator).id);
    if (node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression') {
      const fn = node as acorn.Function;
      if (fn.id) names.add(fn.id.name);
      fn.params.forEach(addPattern);
    }
    if (node.type === 'ClassDeclaration') {
      const id = (node as acorn.ClassDeclaration).id;
      if (id) names.add(id.name);
    }
    if (node.type === 'CatchClause') addPattern((node as acorn.CatchClause).param);
  });
  return names;
}

/** Which AppSync object each name of the module stands for. */
function boundShapes(program: acorn.Program): Map<string, Shape> {
  const shapes = moduleShapes();
  const bound = new Map<string, Shape>();
  const utils = shapes.get('@aws-appsync/utils') as Shape;
  for (const name of GLOBALS) bound.set(name, utils.children.get(name) as Shape);
  for (const statement of program.body) {
    if (statement.type !== 'ImportDeclaration') continue;
    const module = shapes.get(String(statement.source.value));
    if (module === undefined) continue;
    for (const specifier of statement.specifiers) {
      if (specifier.type === 'ImportNamespaceSpecifier') bound.set(specifier.local.name, module);
      if (specifier.type === 'ImportSpecifier') {
        const imported = specifier.imported.type === 'Identifier' ? specifier.imported.name : String(specifier.imported.value);
        const child = module.children.get(imported);
        if (child) bound.set(specifier.local.name, child);
        else bound.delete(specifier.local.name);
      }
    }
  }
  for (const name of locallyDeclared(program)) bound.delete(name);
  return bound;
}

export function checkAppSyncMembers(program: acorn.Program): CodeError[] {
  const bound = boundShapes(program);
  const errors: CodeError[] = [];
  /** The AppSync object an expression stands for, if it is one. */
  const shapeOfExpression = (node: acorn.Node): Shape | undefined => {
    if (node.type === 'Identifier') return bound.get((node as acorn.Identifier).name);
    if (node.type === 'MemberExpression') {
      const member = node as acorn.MemberExpression;
      if (member.computed || member.property.type !== 'Identifier') return undefined;
      return shapeOfExpression(member.object)?.children.get(member.property.name);
    }
    return undefined;
  };
  walk.simple(program, {
    MemberExpression(node) {
      if (node.computed || node.property.type !== 'Identifier') return;
      const owner = shapeOfExpression(node.object);
      const name = node.property.name;
      if (owner === undefined || owner.members.has(name)) return;
      errors.push(ruleError(ERROR_TYPE.typeCheck, TYPE_CHECK_RULE.unknownMember, `Property '${name}' does not exist on type '${owner.typeName}'.`, spanOf(node.property)));
    },
  });
  return errors;
}
