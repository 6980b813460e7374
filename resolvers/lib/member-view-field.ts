/**
 * The handlers of a Room field resolver that only the rooms myRooms returns answer: those carry
 * the caller's membership view (MemberRoom.memberView). On any other Room (getRoom,
 * listPublicRooms, mutations) the field is null and nothing is read, so a room the caller is not
 * in reveals nothing. The pipeline's one function does the read.
 */
import type { Context } from '@aws-appsync/utils';
import { runtime } from '@aws-appsync/utils';
import type { MemberRoom } from './items';

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
