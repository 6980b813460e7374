// The web build's assets from the content cache (web/asset-cache.ts): a warm read gives the same
// bytes without building, an edited input is a miss, a damaged entry is rebuilt, never served.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { CACHE_DIR_ENV, findProjectRoot } from '../../../local/cache/content-cache';
import { cachedAssets, type Assets } from '../../../web/asset-cache';

const root = findProjectRoot();
// The run's cache (test/support/jest-cache-setup.js), put back after each test.
const previous = process.env[CACHE_DIR_ENV];
let cache: string;
let inputs: string;
let input: string;

beforeEach(() => {
  cache = mkdtempSync(join(tmpdir(), 'web-asset-cache-'));
  process.env[CACHE_DIR_ENV] = cache;
  // An input inside the project (keys hold project-relative paths); build/ is git-ignored.
  mkdirSync(join(root, 'build'), { recursive: true });
  inputs = mkdtempSync(join(root, 'build', 'web-asset-cache-inputs-'));
  input = join(inputs, 'page.ts');
  writeFileSync(input, 'export const page = 1;\n');
});

afterEach(() => {
  if (previous === undefined) Reflect.deleteProperty(process.env, CACHE_DIR_ENV);
  else process.env[CACHE_DIR_ENV] = previous;
  rmSync(cache, { recursive: true, force: true });
  rmSync(inputs, { recursive: true, force: true });
});

/** A build that counts its runs and returns assets derived from the run number. */
function countingBuild() {
  const counter = { runs: 0 };
  const build = async () => {
    counter.runs += 1;
    const assets: Assets = new Map([
      ['/assets/chat.js', new TextEncoder().encode(`run ${counter.runs}`)],
      ['/assets/font.ttf', new Uint8Array([0, 255, 7])],
    ]);
    return { assets, inputs: [relative(root, input)] };
  };
  return { counter, build };
}

const text = (assets: Assets): Record<string, number[]> => Object.fromEntries([...assets].map(([path, bytes]) => [path, [...bytes]]));

it('builds once, then serves the same bytes without building', async () => {
  const { counter, build } = countingBuild();
  const first = await cachedAssets({ minify: true }, build);
  const second = await cachedAssets({ minify: true }, build);
  expect(counter.runs).toBe(1);
  expect(text(second)).toEqual(text(first));
  expect(text(second)['/assets/font.ttf']).toEqual([0, 255, 7]);
});

it.each([
  ['an input file edited', async () => writeFileSync(input, 'export const page = 2;\n'), { minify: true }],
  ['other build options', async () => undefined, { minify: false }],
])('builds again after %s', async (_name, change, options) => {
  const { counter, build } = countingBuild();
  await cachedAssets({ minify: true }, build);
  await change();
  const again = await cachedAssets(options, build);
  expect({ runs: counter.runs, chat: new TextDecoder().decode(again.get('/assets/chat.js')) }).toEqual({ runs: 2, chat: 'run 2' });
});

it('rebuilds when the stored entry is damaged instead of serving it', async () => {
  const { counter, build } = countingBuild();
  await cachedAssets({ minify: true }, build);
  const [entry] = readdirSync(join(cache, 'web'));
  writeFileSync(join(cache, 'web', entry as string), '{"key":"x","value":"[]","valueSha256":"bad"}');
  const again = await cachedAssets({ minify: true }, build);
  expect({ runs: counter.runs, paths: [...again.keys()] }).toEqual({ runs: 2, paths: ['/assets/chat.js', '/assets/font.ttf'] });
});

it('stores nothing when an input lies outside the project, and builds every time', async () => {
  const { counter } = countingBuild();
  const outside = async () => {
    counter.runs += 1;
    return { assets: new Map([['/assets/a.js', new Uint8Array([1])]]) as Assets, inputs: ['../elsewhere/a.ts'] };
  };
  await cachedAssets({ minify: true }, outside);
  await cachedAssets({ minify: true }, outside);
  expect(counter.runs).toBe(2);
});
