/// <reference lib="dom" />
/** The query console's entry: Monaco's workers, Amplify from this origin's amplify_outputs.json, then GraphiQL. */
import './monaco-workers';
import { createRoot } from 'react-dom/client';
import { h } from '../shared/h';
import { loadOutputs } from '../shared/outputs';
import { StartupProblem } from '../shared/startup-problem';
import { ConsoleApp } from './app';
import 'graphiql/style.css';
import './styles.css';

const root = createRoot(document.getElementById('root') as HTMLElement);
loadOutputs().then(
  (outputs) => root.render(h(ConsoleApp, { outputs })),
  (error: unknown) => root.render(h(StartupProblem, { error })),
);
