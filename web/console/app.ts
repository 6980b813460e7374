/// <reference lib="dom" />
/** The query console: the auth bar above GraphiQL, wired to the API from amplify_outputs.json. */
import { useMemo, useRef, useState } from 'react';
import { GraphiQL, HISTORY_PLUGIN } from 'graphiql';
import { h } from '../shared/h';
import type { LoadedOutputs } from '../shared/outputs';
import { AuthPanel } from './auth-panel';
import type { ConsoleAuth } from './auth';
import { EXAMPLES_PLUGIN } from './examples-plugin';
import { consoleFetcher } from './fetcher';
import { apiSchema } from './schema';

const DEFAULT_QUERY = `# The chat API's query console. Log in above (or pick IAM), then run an operation
# with Ctrl-Enter. Examples (the list icon on the left) has every operation the chat page sends.

query MyRooms {
  myRooms {
    id
    name
    createdAt
  }
}
`;

/**
 * The endpoint to call: amplify_outputs.json's, but on the page's own scheme when the page is
 * served by that same host (the twin serves http and https on one port), so an https page does
 * not make mixed-content requests and an http page needs no trusted certificate.
 */
export function endpointFor(graphqlUrl: string): string {
  const url = new URL(graphqlUrl);
  if (url.host === location.host) url.protocol = location.protocol;
  return url.toString();
}

export function ConsoleApp({ outputs }: { outputs: LoadedOutputs }) {
  const [auth, setAuth] = useState<ConsoleAuth>({ mode: 'userPool', tokenUse: 'id' });
  const current = useRef(auth);
  current.current = auth;
  const endpoint = useMemo(() => endpointFor(outputs.graphqlUrl), [outputs.graphqlUrl]);
  const fetcher = useMemo(() => consoleFetcher({ endpoint, region: outputs.region, auth: () => current.current }), [endpoint, outputs.region]);
  const schema = useMemo(apiSchema, []);
  return h(
    'div',
    { className: 'console' },
    h(
      'header',
      { className: 'console-header' },
      h('h1', null, 'Query console'),
      h('span', { className: 'muted' }, outputs.twin ? 'Local twin' : 'Deployed API', ' · ', h('code', null, endpoint)),
      h('a', { href: './', className: 'muted' }, 'Chat page'),
    ),
    h(AuthPanel, { outputs, auth, onChange: setAuth }),
    h(
      'main',
      { className: 'console-ide' },
      h(GraphiQL, {
        fetcher,
        schema,
        plugins: [HISTORY_PLUGIN, EXAMPLES_PLUGIN],
        defaultQuery: DEFAULT_QUERY,
        defaultEditorToolsVisibility: 'variables',
      }),
    ),
  );
}
