/**
 * Room.lastMessage: the room's newest message. Only
 * the rooms myRooms returns carry the caller's membership view (MemberRoom.memberView); on any
 * other Room (getRoom, listPublicRooms, mutations) the field is null and nothing is read, so
 * a room the caller is not in reveals nothing.
 * Pipeline: queryLastMessage (Query).
 */
import type { Context } from '@aws-appsync/utils';
import { runtime } from '@aws-appsync/utils';
import type { MemberRoom } from './lib/items';

type FieldContext = Context<Record<string, never>, Record<string, unknown>, Record<string, unknown>, Partial<MemberRoom>>;

export function request(ctx: FieldContext) {
  if (!ctx.source || ctx.source.memberView !== true) {
    runtime.earlyReturn(null);
  }
  return {};
}

export function response(ctx: FieldContext) {
  if (!ctx.source || ctx.source.memberView !== true) {
    return null;
  }
  return ctx.prev.result;
}
