/**
 * A twin for the browser tests: in memory on a free port, serving its amplify_outputs.json to
 * the pages (what local/twin.ts should do itself once it calls serveAmplifyOutputs).
 */
import { amplifyOutputs, type StartTwinOptions, type Twin } from '../../local/twin';
import { startTestTwin } from '../support/test-twin';
import { serveAmplifyOutputs, webFiles } from '../../local/server/pages';

export interface ChatTwin {
  twin: Twin;
  stop(): Promise<void>;
}

export async function startChatTwin(options: StartTwinOptions = {}): Promise<ChatTwin> {
  // The pages are built on the first request; build them now, so no page load waits for it.
  const [twin] = await Promise.all([startTestTwin({ dataDir: null, port: 0, outputsPath: null, logLevel: 'warn', ...options }), webFiles()]);
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

/** Resolves when the twin acknowledges the next realtime subscription to `fieldName`. */
export function nextSubscription(chat: ChatTwin, fieldName: string): Promise<void> {
  return new Promise((resolve) => {
    const listener = (event: { fieldName: string }) => {
      if (event.fieldName !== fieldName) return;
      chat.twin.events.off('subscriptionStarted', listener);
      resolve();
    };
    chat.twin.events.on('subscriptionStarted', listener);
  });
}

/** The four subscriptions an open room makes (messages, changes, typing, presence). */
export const ROOM_SUBSCRIPTIONS = ['onNewMessage', 'onMessageChanged', 'onTyping', 'onPresence'] as const;

/** Resolves when the twin acknowledges the next subscription to each of an open room's fields. */
export function nextRoomSubscriptions(chat: ChatTwin): Promise<void> {
  return Promise.all(ROOM_SUBSCRIPTIONS.map((field) => nextSubscription(chat, field))).then(() => undefined);
}
