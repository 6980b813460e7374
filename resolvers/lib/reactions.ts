/**
 * Reactions live on the message item: one string set of user ids per emoji, in the attribute
 * "REACT#<emoji>". A set makes react/unreact idempotent (DynamoDB ADD/DELETE of the caller's
 * id) and count and "mine" readable from the item alone. The emoji come from a fixed
 * allow-list, which also bounds the distinct emoji per message.
 */
import type { Reaction } from '../generated/graphql';

export const REACTION_EMOJI = ['👍', '👎', '❤️', '😂', '😮', '😢', '🎉', '🙏', '👀', '🔥', '✅', '🚀'];

export const REACTION_ATTRIBUTE_PREFIX = 'REACT#';

/** The message item's attribute holding the user ids who chose this emoji. */
export function reactionAttribute(emoji: string): string {
  return `${REACTION_ATTRIBUTE_PREFIX}${emoji}`;
}

/** The reactions of a stored message, in allow-list order, as seen by viewerId (null for IAM). */
export function reactionsOf(item: Record<string, unknown>, viewerId: string | null): Reaction[] {
  const reactions: Reaction[] = [];
  if (item.deleted === true) {
    return reactions;
  }
  for (const emoji of REACTION_EMOJI) {
    const users = item[reactionAttribute(emoji)] as string[] | null | undefined;
    if (users && users.length > 0) {
      reactions.push({ emoji, count: users.length, mine: viewerId !== null && users.includes(viewerId) });
    }
  }
  return reactions;
}
