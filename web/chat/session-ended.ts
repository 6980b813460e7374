/**
 * One place that hears "the session is over" from any API call (a token refused, nothing left
 * to refresh), so the page returns to sign-in with the reason instead of failing call by call.
 */
import { isSessionEnded } from '../shared/errors';

type Listener = () => void;
const listeners = new Set<Listener>();

/** Calls back when an API call finds the session ended; returns the stop function. */
export function onSessionEnded(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Tells the listeners when `error` means the session ended; returns the error for rethrowing. */
export function reportIfSessionEnded(error: unknown): unknown {
  if (isSessionEnded(error)) listeners.forEach((listener) => listener());
  return error;
}
