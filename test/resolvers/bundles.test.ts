import { checkCode } from '../../local/runtime/static-check';
import { MAX_CODE_LENGTH, bundleFunction, bundleResolver } from '../../resolvers/bundle';
import { pipelineFunctions, resolvers } from '../../resolvers/wiring';

const bundles: Array<[string, () => string]> = [
  ...resolvers.map((row): [string, () => string] => [`${row.typeName}.${row.fieldName}`, () => bundleResolver(row.typeName, row.fieldName)]),
  ...pipelineFunctions.map((fn): [string, () => string] => [`functions/${fn.name}`, () => bundleFunction(fn.name)]),
];

describe('resolver bundles', () => {
  it.each(bundles)('%s bundles within the code limit and passes the APPSYNC_JS static check', (_name, bundle) => {
    const code = bundle();
    expect(code.length).toBeGreaterThan(0);
    expect(code.length).toBeLessThanOrEqual(MAX_CODE_LENGTH);
    expect(checkCode(code)).toEqual([]);
    // Only the runtime's modules stay imports; everything else is bundled in.
    const imports = [...code.matchAll(/from\s+"([^"]+)"/g)].map((match) => match[1]);
    expect(imports.filter((name) => name !== '@aws-appsync/utils')).toEqual([]);
  });

  it('returns the same text for the same resolver (cached per process)', () => {
    expect(bundleResolver('Query', 'getRoom')).toBe(bundleResolver('Query', 'getRoom'));
  });

  it('fails for a field without a resolver file', () => {
    expect(() => bundleResolver('Query', 'noSuchField')).toThrow(/Could not resolve/);
  });
});
