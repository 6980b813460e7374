/**
 * What the before handlers and pipeline functions leave in ctx.stash for the later steps.
 * Server-made values (ids, timestamps) are made once in the before handler and stashed, so
 * every step of one request sees the same values.
 */
import type { Message, Report, Room, RoomVisibility } from '../generated/graphql';
import type { DecisionOutput, ReportItem } from './reports';

export type ChatStash = {
  /** The room of a room-scoped request; set by requireMembership and requireRoom. */
  room?: Room;
  /** createRoom: the room to create. */
  newRoom?: Room;
  /** The server time of this request (util.time.nowISO8601()): joinRoom, removeMember. */
  now?: string;
  /** leaveRoom / removeMember: whose membership ends. */
  memberUserId?: string;
  /** unbanMember: whose ban ends. */
  bannedUserId?: string;
  /** sendMessage: the message to store if this clientMessageId is new. */
  message?: Message;
  clientMessageId?: string;
  /** sendMessage retry: the id of the message the first attempt stored. */
  retriedMessageId?: string;
  /** deleteMessage: Admins and operators may delete any message of the room. */
  canDeleteAny?: boolean;
  /** listMessages, listPublicRooms: the page size. */
  limit?: number;
  /** createRoom: PUBLIC or PRIVATE. */
  visibility?: RoomVisibility;
  /** The server time in epoch milliseconds: setTyping, heartbeat (rate conditions, TTLs). */
  nowMs?: number;
  /** inviteMember: who is invited. */
  invitedUserId?: string;
  /** joinRoom / acceptInvite: the join must use up the caller's invitation (private room, or acceptInvite). */
  needsInvitation?: boolean;
  /** reportMessage: the report to record and hand to the moderation workflow. */
  report?: Report;
  /** resolveReport: the stored report, waiting for this decision. */
  reportItem?: ReportItem;
  /** resolveReport: what SendTaskSuccess hands the workflow. */
  decision?: DecisionOutput;
};
