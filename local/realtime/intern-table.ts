/**
 * One shared instance per distinct JSON value, counted by its holders. A room's thousand
 * subscriptions carry equal selections and equal enhanced filters, each a tree of objects of its
 * own as the resolver made it; sharing one instance keeps the memory of one, and lets a publish
 * decide a filter once for all who hold it (by identity). A value is dropped with its last holder.
 * Values must be JSON (what a selection and a filter are): equal JSON means equal meaning.
 */
export class InternTable<T> {
  private readonly byKey = new Map<string, { value: T; holders: number }>();

  /** The shared instance equal to `value` (`value` itself if none was held). */
  acquire(value: T): T {
    const key = JSON.stringify(value);
    let shared = this.byKey.get(key);
    if (shared === undefined) {
      shared = { value, holders: 0 };
      this.byKey.set(key, shared);
    }
    shared.holders += 1;
    return shared.value;
  }

  /** Gives up one hold on an instance acquire() returned. */
  release(value: T): void {
    const key = JSON.stringify(value);
    const shared = this.byKey.get(key);
    if (shared === undefined || shared.value !== value) return;
    shared.holders -= 1;
    if (shared.holders === 0) this.byKey.delete(key);
  }

  /** Distinct values held. */
  get size(): number {
    return this.byKey.size;
  }
}
