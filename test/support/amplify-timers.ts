/**
 * aws-amplify's realtime provider arms a 15 s connection_init timeout on every handshake and
 * never clears it once connection_ack arrives (AWSWebSocketProvider._initiateHandshake), so a
 * test that subscribes through Amplify keeps jest alive up to 15 s after its last test ("Jest
 * did not exit one second after the test run has completed").
 *
 * While installed, timers armed by Amplify's own code are unref'd: they still fire if the process
 * lives on, but no longer hold it open. Timers of anything else (the twin, the test) are left as
 * they are, so a leak of ours still shows.
 */
const AMPLIFY_FRAME = /[\\/]node_modules[\\/]@aws-amplify[\\/]/;

/** Installs the wrapper; returns the function that restores the real setTimeout. */
export function unrefAmplifyTimers(): () => void {
  const realSetTimeout = globalThis.setTimeout;
  const wrapped = ((callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
    const timer = realSetTimeout(callback, ms, ...args);
    if (AMPLIFY_FRAME.test(new Error().stack ?? '')) timer.unref();
    return timer;
  }) as typeof setTimeout;
  globalThis.setTimeout = wrapped;
  return () => {
    if (globalThis.setTimeout === wrapped) globalThis.setTimeout = realSetTimeout;
  };
}
