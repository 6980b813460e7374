// Turns resolver code (an ES module importing @aws-appsync/utils) into a vm.Script that, run in a
// realm, yields a module factory: `(modules, loopTick) => exports`. Calling the factory runs the
// module body afresh, so module-level state never outlives one evaluation.
import vm from 'node:vm';
import * as acorn from 'acorn';
import * as walk from 'acorn-walk';
import type { CodeError } from '@aws-sdk/client-appsync';
import { blank, EditedSource, type SourceEdit } from './source-edits';
import { COMPILED_CODE_CACHE_SIZE } from './limits';
import { LruMap } from './static/lru-map';
import { needsWatchdog } from './watchdog-need';

/** The file name AWS reports positions against, e.g. `code.js:3:14: TypeError: ...`. */
export const CODE_FILE_NAME = 'code.js';

/** Modules resolver code may import; the realm supplies an object for each. */
export const IMPORTABLE_MODULES = ['@aws-appsync/utils', '@aws-appsync/utils/dynamodb', '@aws-appsync/utils/rds'] as const;
export type ImportableModule = (typeof IMPORTABLE_MODULES)[number];

/** Names the wrapper binds; code that uses one is refused (see compileUncached). */
const MODULES_PARAM = '__appsyncModules$';
const LOOP_TICK = '__appsyncLoopTick$';
const CALL_TICK = '__appsyncCallTick$';
const DEFAULT_EXPORT = '__appsyncDefault$';
const RESERVED_NAMES = [MODULES_PARAM, LOOP_TICK, CALL_TICK, DEFAULT_EXPORT] as const;

export interface CompiledModule {
  readonly script: vm.Script;
  /** Maps positions reported by V8 for `code.js` back to the original code. */
  readonly source: EditedSource;
  readonly exportNames: readonly string[];
  /**
   * True when the code names a helper that can run long inside one built-in call (a regular
   * expression), where the instrumented clock cannot see it: such code runs under vm's watchdog.
   */
  readonly needsWatchdog: boolean;
}

export type CompileResult = { ok: true; module: CompiledModule } | { ok: false; codeErrors: CodeError[] };

const cache = new LruMap<string, CompileResult>(COMPILED_CODE_CACHE_SIZE);

/** Compiles once per distinct code string; the cache keeps the most recently used entries. */
export function compileModule(code: string): CompileResult {
  const cached = cache.get(code);
  if (cached !== undefined) return cached;
  const result = compileUncached(code);
  cache.set(code, result);
  return result;
}

function compileUncached(code: string): CompileResult {
  let program: acorn.Program;
  const comments: acorn.Comment[] = [];
  try {
    program = acorn.parse(code, { ecmaVersion: 'latest', sourceType: 'module', locations: true, onComment: comments });
  } catch (error) {
    return { ok: false, codeErrors: [parserError(error)] };
  }
  const edits: SourceEdit[] = [];
  const bindings: string[] = [];
  const exportsByName = new Map<string, string>();
  const problems: CodeError[] = [];

  for (const node of program.body) {
    switch (node.type) {
      case 'ImportDeclaration': {
        const from = String(node.source.value);
        if (!isImportable(from)) {
          problems.push(codeError('UNSUPPORTED_SYNTAX_TYPE', `Cannot import module ${JSON.stringify(from)}: only ${IMPORTABLE_MODULES.join(', ')} are available.`, node));
          break;
        }
        const moduleRef = `${MODULES_PARAM}[${JSON.stringify(from)}]`;
        for (const specifier of node.specifiers) {
          if (specifier.type === 'ImportNamespaceSpecifier') {
            bindings.push(`const ${specifier.local.name} = ${moduleRef};`);
          } else if (specifier.type === 'ImportDefaultSpecifier') {
            bindings.push(`const ${specifier.local.name} = ${moduleRef}.default;`);
          } else {
            bindings.push(`const ${specifier.local.name} = ${moduleRef}[${JSON.stringify(moduleExportName(specifier.imported))}];`);
          }
        }
        edits.push(blank(code, node.start, node.end));
        break;
      }
      case 'ExportNamedDeclaration': {
        if (node.source) {
          problems.push(codeError('UNSUPPORTED_SYNTAX_TYPE', 'Re-exports from other modules are not supported.', node));
          break;
        }
        if (node.declaration) {
          edits.push(blank(code, node.start, node.declaration.start));
          for (const name of declaredNames(node.declaration)) exportsByName.set(name, name);
        } else {
          for (const specifier of node.specifiers) {
            exportsByName.set(moduleExportName(specifier.exported), moduleExportName(specifier.local));
          }
          edits.push(blank(code, node.start, node.end));
        }
        break;
      }
      case 'ExportDefaultDeclaration': {
        const declaration = node.declaration;
        const named = (declaration.type === 'FunctionDeclaration' || declaration.type === 'ClassDeclaration') && declaration.id;
        if (named) {
          edits.push(blank(code, node.start, declaration.start));
          exportsByName.set('default', declaration.id.name);
        } else {
          edits.push({ start: node.start, end: declaration.start, text: `const ${DEFAULT_EXPORT} = ` });
          exportsByName.set('default', DEFAULT_EXPORT);
        }
        break;
      }
      case 'ExportAllDeclaration':
        problems.push(codeError('UNSUPPORTED_SYNTAX_TYPE', 'Re-exports from other modules are not supported.', node));
        break;
      default:
        break;
    }
  }
  if (problems.length > 0) return { ok: false, codeErrors: problems };

  // AWS reports positions in the JavaScript it runs, even when the bundle carries a source map;
  // blanking the map reference keeps Node (--enable-source-maps) from rewriting code.js frames.
  for (const comment of comments) {
    if (/^[#@] sourceMappingURL=/.test(comment.value)) edits.push(blank(code, comment.start, comment.end));
  }

  // Count every loop iteration; the realm enforces the quota. A loop that stops is reported at
  // its `for`, so the anchor is the statement, not the inserted call.
  const countIterations = (loop: acorn.Node & { body: acorn.Statement }): void => {
    const body = loop.body;
    if (body.type === 'BlockStatement') {
      edits.push({ start: body.start + 1, end: body.start + 1, text: `${LOOP_TICK}();`, anchor: loop.start });
    } else {
      edits.push({ start: body.start, end: body.start, text: `{${LOOP_TICK}();`, anchor: loop.start });
      edits.push({ start: body.end, end: body.end, text: '}', anchor: loop.start });
    }
  };
  // Every function entry checks the clock, so callbacks (arr.map(...)) cannot run past the limit.
  const checkClock = (fn: acorn.Function): void => {
    const body = fn.body;
    if (body.type === 'BlockStatement') {
      edits.push({ start: body.start + 1, end: body.start + 1, text: `${CALL_TICK}();`, anchor: fn.start });
    } else {
      edits.push({ start: body.start, end: body.start, text: `(${CALL_TICK}(), `, anchor: fn.start });
      edits.push({ start: body.end, end: body.end, text: ')', anchor: fn.start });
    }
  };
  walk.simple(program, {
    FunctionDeclaration: checkClock,
    FunctionExpression: checkClock,
    ArrowFunctionExpression: checkClock,
    ForOfStatement: countIterations,
    ForInStatement: countIterations,
    ForStatement: countIterations,
    WhileStatement: countIterations,
    DoWhileStatement: countIterations,
  });

  // The wrapper's own bindings: code that declared or assigned one could switch the loop quota and
  // the clock off, so they are refused wherever they appear.
  walk.full(program, (node) => {
    if (node.type === 'Identifier' && (RESERVED_NAMES as readonly string[]).includes((node as acorn.Identifier).name)) {
      problems.push(codeError('UNSUPPORTED_SYNTAX_TYPE', `The name ${(node as acorn.Identifier).name} is reserved by the local runtime.`, node));
    }
  });
  if (problems.length > 0) return { ok: false, codeErrors: problems };

  const source = new EditedSource(code, edits);
  const exportNames = [...exportsByName.keys()];
  const exportObject = exportNames.map((name) => `${JSON.stringify(name)}: ${exportsByName.get(name)}`).join(', ');
  // The wrapper's first line is line 0 (lineOffset -1), so V8 reports code lines as the user wrote them.
  const scriptText =
    `(function (${MODULES_PARAM}, ${LOOP_TICK}, ${CALL_TICK}) {"use strict"; ${bindings.join(' ')}\n` +
    `${source.text}\n;return { ${exportObject} };\n})`;
  let script: vm.Script;
  try {
    script = new vm.Script(scriptText, { filename: CODE_FILE_NAME, lineOffset: -1 });
  } catch (error) {
    return { ok: false, codeErrors: [parserError(error)] };
  }
  return { ok: true, module: { script, source, exportNames, needsWatchdog: needsWatchdog(program) } };
}

function isImportable(name: string): name is ImportableModule {
  return (IMPORTABLE_MODULES as readonly string[]).includes(name);
}

function moduleExportName(node: acorn.Identifier | acorn.Literal): string {
  return node.type === 'Identifier' ? node.name : String(node.value);
}

function declaredNames(declaration: acorn.Declaration): string[] {
  if (declaration.type === 'VariableDeclaration') {
    return declaration.declarations.flatMap((d) => (d.id.type === 'Identifier' ? [d.id.name] : []));
  }
  return [declaration.id.name];
}

function codeError(errorType: string, message: string, node: acorn.Node): CodeError {
  const line = node.loc?.start.line ?? 0;
  const column = node.loc?.start.column ?? 0;
  return {
    errorType,
    value: `${CODE_FILE_NAME}(${line},${column + 1}): error ${message}`,
    location: { line, column: column + 1, span: node.end - node.start },
  };
}

function parserError(error: unknown): CodeError {
  const loc = (error as { loc?: { line: number; column: number } }).loc;
  const message = error instanceof Error ? error.message.replace(/ \(\d+:\d+\)$/, '') : String(error);
  const line = loc?.line ?? 0;
  const column = loc ? loc.column + 1 : 0;
  return { errorType: 'PARSER_ERROR', value: `${CODE_FILE_NAME}(${line},${column}): error ${message}`, location: { line, column, span: -1 } };
}
