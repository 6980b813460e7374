/**
 * Subscription.onReport: Admins hear of every report the workflow records (the schema admits
 * Admins only; reports are not scoped to a room the Admin belongs to, as moderation covers every
 * room). Returns null as AppSync requires.
 * Pipeline: passReport (NONE).
 */
export function request() {
  return {};
}

export function response() {
  return null;
}
