/**
 * Writes every bundle named in the wiring table to build/: build/resolvers/<Type>.<field>.js and
 * build/functions/<name>.js. Run with `npx tsx resolvers/build.ts`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_CODE_LENGTH, bundleFunction, bundleResolver } from './bundle';
import { pipelineFunctions, resolvers } from './wiring';

const outDir = join(__dirname, '..', 'build');
mkdirSync(join(outDir, 'resolvers'), { recursive: true });
mkdirSync(join(outDir, 'functions'), { recursive: true });

function writeBundle(relativePath: string, code: string): void {
  writeFileSync(join(outDir, relativePath), code);
  console.log(`build/${relativePath} ${code.length} chars`);
  if (code.length > MAX_CODE_LENGTH) {
    console.error(`build/${relativePath} is over AppSync's ${MAX_CODE_LENGTH}-character limit`);
    process.exitCode = 1;
  }
}

for (const { typeName, fieldName } of resolvers) {
  writeBundle(join('resolvers', `${typeName}.${fieldName}.js`), bundleResolver(typeName, fieldName));
}
for (const { name } of pipelineFunctions) {
  writeBundle(join('functions', `${name}.js`), bundleFunction(name));
}
