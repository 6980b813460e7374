/**
 * A twin for the browser tests: in memory on a free port, serving its amplify_outputs.json to
 * the pages (what local/twin.ts should do itself once it calls serveAmplifyOutputs).
 */
import { amplifyOutputs, startTwin, type StartTwinOptions, type Twin } from '../../local/twin';
import { serveAmplifyOutputs, webFiles } from '../../local/server/pages';

export interface ChatTwin {
  twin: Twin;
  stop(): Promise<void>;
}

export async function startChatTwin(options: StartTwinOptions = {}): Promise<ChatTwin> {
  // The pages are built on the first request; build them now, so no page load waits for it.
  const [twin] = await Promise.all([startTwin({ dataDir: null, port: 0, outputsPath: null, logLevel: 'warn', ...options }), webFiles()]);
  const port = Number(new URL(twin.url).port);
  const unserve = serveAmplifyOutputs(port, amplifyOutputs(twin, twin.pool.listGroups().map((g) => g.name)), twin.cognitoEndpoint);
  return {
    twin,
    stop: async () => {
      unserve();
      await twin.stop();
    },
  };
}
