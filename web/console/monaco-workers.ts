/// <reference lib="dom" />
/**
 * Where Monaco (GraphiQL 5's editor) finds its web workers: the three self-contained scripts
 * web/build.ts bundles beside the page, so the console needs nothing from a CDN.
 */
const WORKERS: Record<string, string> = {
  json: 'assets/json.worker.js',
  graphql: 'assets/graphql.worker.js',
};

(globalThis as unknown as { MonacoEnvironment: unknown }).MonacoEnvironment = {
  getWorker(_workerId: string, label: string): Worker {
    // Relative to the page (/console or console.html), so a static host under a sub-path works.
    return new Worker(new URL(WORKERS[label] ?? 'assets/editor.worker.js', document.baseURI));
  },
};
