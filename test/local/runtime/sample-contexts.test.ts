// Every sample context under test/fixtures/contexts evaluates against the bundle it is named
// after, with no error: the contexts the README's evaluate-code example points at stay usable as
// the resolvers change.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { bundleFunction, bundleResolver } from '../../../resolvers/bundle';
import { evaluateCode } from '../../../local/runtime/evaluate-code';

const DIR = path.join(__dirname, '../../fixtures/contexts');
const RUNTIME = { name: 'APPSYNC_JS', runtimeVersion: '1.0.0' } as const;

interface Sample {
  file: string;
  code: () => string;
  handler: 'request' | 'response';
}

function samples(): Sample[] {
  const found: Sample[] = [];
  for (const file of readdirSync(DIR).filter((f) => f.endsWith('.json'))) {
    const [typeName, fieldName, handler] = file.replace(/\.json$/, '').split('.');
    found.push({ file, code: () => bundleResolver(typeName, fieldName), handler: handler as Sample['handler'] });
  }
  for (const file of readdirSync(path.join(DIR, 'functions')).filter((f) => f.endsWith('.json'))) {
    const [name, handler] = file.replace(/\.json$/, '').split('.');
    found.push({ file: `functions/${file}`, code: () => bundleFunction(name), handler: handler as Sample['handler'] });
  }
  return found;
}

describe('sample contexts', () => {
  const all = samples();

  it('include the README example\'s sendMessage request and response contexts and a function context', () => {
    const files = all.map((s) => s.file);
    expect(files).toEqual(expect.arrayContaining(['Mutation.sendMessage.request.json', 'Mutation.sendMessage.response.json', 'functions/putMessageOnce.request.json']));
    expect(all.every((s) => s.handler === 'request' || s.handler === 'response')).toBe(true);
  });

  it.each(all.map((s) => [s.file, s] as const))('%s evaluates with no error', async (_file, sample) => {
    const context = readFileSync(path.join(DIR, sample.file), 'utf8');
    const output = await evaluateCode({ runtime: RUNTIME, code: sample.code(), context, function: sample.handler });
    expect(output.error).toBeUndefined();
    expect(output.evaluationResult).toBeDefined();
  });
});
