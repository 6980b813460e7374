/// <reference lib="dom" />
/** The chat page's entry: configure Amplify from this origin's amplify_outputs.json, then render. */
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { h } from '../shared/h';
import { loadOutputs } from '../shared/outputs';
import { StartupProblem } from '../shared/startup-problem';
import './styles.css';

const root = createRoot(document.getElementById('root') as HTMLElement);
loadOutputs().then(
  (outputs) => root.render(h(App, { outputs })),
  (error: unknown) => root.render(h(StartupProblem, { error })),
);
