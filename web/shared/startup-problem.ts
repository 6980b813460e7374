/// <reference lib="dom" />
/** What a page shows when it cannot start (no amplify_outputs.json, a broken origin). */
import { h } from './h';

export function StartupProblem({ error }: { error: unknown }) {
  return h(
    'main',
    { className: 'sign-in' },
    h(
      'div',
      { className: 'card', role: 'alert' },
      h('h1', null, 'This page cannot start'),
      h('p', null, error instanceof Error ? error.message : String(error)),
      h('p', null, 'Serve the page from the origin that has the API\'s amplify_outputs.json: `npm start` for the local twin, or `npm run web:build` and copy amplify_outputs.json beside web/dist/index.html.'),
    ),
  );
}
