/// <reference lib="dom" />
/**
 * A GraphiQL sidebar plugin listing the project's operations; choosing one opens it in a new
 * tab with its variables, ready to run.
 */
import { pick, useGraphiQL, useGraphiQLActions, type GraphiQLPlugin } from '@graphiql/react';
import { h } from '../shared/h';
import { projectExamples, type Example } from './examples';

const EXAMPLES = projectExamples();
const KINDS: Array<Example['kind']> = ['query', 'mutation', 'subscription'];
const KIND_TITLES: Record<Example['kind'], string> = { query: 'Queries', mutation: 'Mutations', subscription: 'Subscriptions' };

function ExamplesContent() {
  const { queryEditor, variableEditor } = useGraphiQL(pick('queryEditor', 'variableEditor'));
  const { addTab } = useGraphiQLActions();
  function open(example: Example) {
    addTab();
    // The new tab's editors are the same Monaco instances, now showing the new tab.
    queryEditor?.setValue(example.query);
    variableEditor?.setValue(example.variables);
  }
  return h(
    'div',
    { className: 'console-examples' },
    h('div', { className: 'graphiql-doc-explorer-title' }, 'Examples'),
    h('p', { className: 'muted' }, 'The operations in schema/operations/, the ones the chat page sends.'),
    KINDS.map((kind) =>
      h(
        'section',
        { key: kind, 'aria-label': KIND_TITLES[kind] },
        h('h3', null, KIND_TITLES[kind]),
        h(
          'ul',
          null,
          EXAMPLES.filter((example) => example.kind === kind).map((example) =>
            h('li', { key: example.name }, h('button', { type: 'button', className: 'link', onClick: () => open(example) }, example.name)),
          ),
        ),
      ),
    ),
  );
}

function ExamplesIcon() {
  // A plain "list" glyph drawn inline (no icon font or CDN).
  return h(
    'svg',
    { viewBox: '0 0 24 24', width: 20, height: 20, 'aria-hidden': true, fill: 'none', stroke: 'currentColor', strokeWidth: 1.5 },
    h('path', { d: 'M8 6h12M8 12h12M8 18h12M4 6h.01M4 12h.01M4 18h.01', strokeLinecap: 'round' }),
  );
}

export const EXAMPLES_PLUGIN: GraphiQLPlugin = { title: 'Examples', icon: ExamplesIcon, content: ExamplesContent };
