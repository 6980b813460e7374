/**
 * `npm run web:build`: writes the chat page and the console to web/dist (index.html,
 * console.html, assets/) for any static host. Put the stack's amplify_outputs.json beside
 * index.html (`npm run outputs` writes it).
 */
import { join } from 'node:path';
import { buildWeb } from './build';

const outdir = process.argv[2] ?? join(__dirname, 'dist');
buildWeb({ outdir }).then(
  (files) => {
    const bytes = [...files.values()].reduce((sum, file) => sum + file.contents.length, 0);
    console.log(`web build: ${files.size} files, ${Math.round(bytes / 1024)} KiB in ${outdir}`);
  },
  (error: unknown) => {
    console.error('web build failed:', error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
