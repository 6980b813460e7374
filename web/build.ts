/**
 * The web build: the chat page (/) and the query console (/console), bundled with esbuild
 * (already the resolvers' bundler) from TypeScript. The twin builds in memory on the first page
 * request; `npm run web:build` writes the same files to web/dist for any static host.
 */
import type { OutputFile } from 'esbuild';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { findProjectRoot } from '../local/cache/content-cache';
import { cachedAssets, type Assets } from './asset-cache';

const WEB_DIR = __dirname;

/** One served file: its URL path and bytes. */
export interface WebFile {
  contentType: string;
  contents: Uint8Array;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.ttf': 'font/ttf',
  '.map': 'application/json',
};

function contentTypeOf(path: string): string {
  const ext = path.slice(path.lastIndexOf('.'));
  return CONTENT_TYPES[ext] ?? 'application/octet-stream';
}

/** The pages by URL path; both are static and read amplify_outputs.json from their origin. */
const PAGES: Record<string, string> = {
  '/': 'chat/index.html',
  '/console': 'console/index.html',
};

function collect(assets: Assets, outputs: OutputFile[], distDir: string): void {
  for (const output of outputs) assets.set(`/${relative(distDir, output.path).split('\\').join('/')}`, output.contents);
}

/**
 * Builds every page and asset. Returns them by URL path (`/`, `/console`, `/assets/...`);
 * with `outdir`, also writes them there (`/` as index.html, `/console` as console.html).
 */
export async function buildWeb(options: { outdir?: string } = {}): Promise<Map<string, WebFile>> {
  const distDir = options.outdir ?? join(WEB_DIR, 'dist');
  const outdir = join(distDir, 'assets');
  const root = findProjectRoot();
  const common = {
    bundle: true,
    minify: true,
    write: false,
    metafile: true,
    absWorkingDir: root,
    outdir,
    target: 'es2022',
    legalComments: 'none' as const,
    define: { 'process.env.NODE_ENV': '"production"', global: 'globalThis' },
    logLevel: 'silent' as const,
  };
  const pagesOptions = {
    ...common,
    entryPoints: { chat: join(WEB_DIR, 'chat/main.ts'), console: join(WEB_DIR, 'console/main.ts') },
    format: 'esm' as const,
    splitting: true,
    chunkNames: 'chunk-[hash]',
    // .graphql as text: the console bundles the schema's SDL.
    loader: { '.ttf': 'file' as const, '.graphql': 'text' as const },
    assetNames: '[name]-[hash]',
  };
  // Monaco's language services run in web workers, each one self-contained script.
  const workersOptions = {
    ...common,
    entryPoints: {
      'editor.worker': require.resolve('monaco-editor/esm/vs/editor/editor.worker.js'),
      'json.worker': require.resolve('monaco-editor/esm/vs/language/json/json.worker.js'),
      'graphql.worker': require.resolve('monaco-graphql/esm/graphql.worker.js'),
    },
    format: 'iife' as const,
  };
  // The key holds paths relative to the project, so the cache does not depend on where it is.
  const keyOptions = JSON.parse(JSON.stringify([pagesOptions, workersOptions]).split(root).join('<root>')) as unknown;
  const assets = await cachedAssets(keyOptions, async () => {
    // Loaded here, not at the top: the twin imports this module, and a start should not load esbuild.
    const { build } = await import('esbuild');
    const [pages, workers] = await Promise.all([build(pagesOptions), build(workersOptions)]);
    const built: Assets = new Map();
    collect(built, pages.outputFiles ?? [], distDir);
    collect(built, workers.outputFiles ?? [], distDir);
    // Without the metafiles the cache could not know what to hash, so a build without them is an error.
    if (!pages.metafile || !workers.metafile) throw new Error('esbuild returned no metafile for the web build');
    return { assets: built, inputs: [...new Set([...Object.keys(pages.metafile.inputs), ...Object.keys(workers.metafile.inputs)])] };
  });
  const files = new Map<string, WebFile>();
  for (const [urlPath, contents] of assets) files.set(urlPath, { contentType: contentTypeOf(urlPath), contents });
  for (const [urlPath, source] of Object.entries(PAGES)) {
    files.set(urlPath, { contentType: CONTENT_TYPES['.html'], contents: readFileSync(join(WEB_DIR, source)) });
  }
  if (options.outdir !== undefined) await writeWeb(files, options.outdir);
  return files;
}

async function writeWeb(files: Map<string, WebFile>, outdir: string): Promise<void> {
  const { mkdir, writeFile } = await import('node:fs/promises');
  const { dirname } = await import('node:path');
  for (const [urlPath, file] of files) {
    const name = urlPath === '/' ? 'index.html' : urlPath === '/console' ? 'console.html' : urlPath.slice(1);
    const target = join(outdir, name);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, file.contents);
  }
}
