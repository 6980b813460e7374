import ts from 'typescript';
import { CODE_FILE_NAME, TS_LIB } from './aws-choices';

/**
 * A TypeScript Program over one in-memory `code.js`, so the type-aware rules of the AppSync
 * ESLint plugin get a type checker without touching the disk. The standard-library files are
 * parsed once per process and shared by every program (parsing them is most of the cold cost).
 */

/** A directory that exists only inside these programs. */
export const VIRTUAL_DIR = '/appsync-js';
export const VIRTUAL_CODE_PATH = `${VIRTUAL_DIR}/${CODE_FILE_NAME}`;

const COMPILER_OPTIONS: ts.CompilerOptions = {
  allowJs: true,
  checkJs: false,
  noEmit: true,
  target: ts.ScriptTarget.ESNext,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  // AppSync code is always an ES module, even one with no import or export: its top-level names
  // must not merge with the standard library's globals.
  moduleDetection: ts.ModuleDetectionKind.Force,
  lib: [...TS_LIB],
  types: [],
  // Imports stay unresolved: the rules only need the code's own declarations and the built-ins.
  noResolve: true,
  skipLibCheck: true,
};

const diskHost = ts.createCompilerHost(COMPILER_OPTIONS, true);
const libFiles = new Map<string, ts.SourceFile | undefined>();

function libSourceFile(fileName: string, languageVersion: ts.ScriptTarget | ts.CreateSourceFileOptions): ts.SourceFile | undefined {
  if (!libFiles.has(fileName)) libFiles.set(fileName, diskHost.getSourceFile(fileName, languageVersion));
  return libFiles.get(fileName);
}

export function createVirtualProgram(code: string): ts.Program {
  const host: ts.CompilerHost = {
    ...diskHost,
    getCurrentDirectory: () => VIRTUAL_DIR,
    fileExists: (fileName) => fileName === VIRTUAL_CODE_PATH || diskHost.fileExists(fileName),
    readFile: (fileName) => (fileName === VIRTUAL_CODE_PATH ? code : diskHost.readFile(fileName)),
    getSourceFile: (fileName, languageVersion) =>
      fileName === VIRTUAL_CODE_PATH
        ? ts.createSourceFile(fileName, code, languageVersion, true, ts.ScriptKind.JS)
        : libSourceFile(fileName, languageVersion),
    writeFile: () => undefined,
  };
  return ts.createProgram({ rootNames: [VIRTUAL_CODE_PATH], options: COMPILER_OPTIONS, host });
}
