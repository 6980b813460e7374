/**
 * Key builders for the one chat table (PK/SK, GSI1PK/GSI1SK; see infra/table-definition.ts).
 * Every resolver builds its keys here and nowhere else.
 *
 *   room          ROOM#<roomId> / META
 *   membership    ROOM#<roomId> / MEMBER#<userId>   GSI1: USER#<userId> / ROOM#<roomId>
 *   message       ROOM#<roomId> / MSG#<ulid>         (ULIDs sort by time)
 *   send record   ROOM#<roomId> / SEND#<senderId>#<clientMessageId>   (sendMessage idempotency)
 *   ban           ROOM#<roomId> / BAN#<userId>      (removeMember; joinRoom refuses while it exists)
 *   invitation    ROOM#<roomId> / INVITE#<userId>   GSI1: USER#<userId> / INVITE#<roomId>
 *   presence      ROOM#<roomId> / PRESENCE#<userId> (heartbeat; TTL expiresAt)
 *   typing        ROOM#<roomId> / TYPING#<userId>   (setTyping's rate record; TTL expiresAt)
 *   public room   the room META item also carries GSI1: PUBLIC_ROOMS / ROOM#<roomId>
 */

export type TableKey = { PK: string; SK: string };
export type MemberIndexKey = { GSI1PK: string; GSI1SK: string };

export const ROOM_META_SK = 'META';
export const MEMBER_SK_PREFIX = 'MEMBER#';
export const MESSAGE_SK_PREFIX = 'MSG#';
export const SEND_RECORD_SK_PREFIX = 'SEND#';
export const BAN_SK_PREFIX = 'BAN#';
export const INVITE_SK_PREFIX = 'INVITE#';
export const PRESENCE_SK_PREFIX = 'PRESENCE#';
export const TYPING_SK_PREFIX = 'TYPING#';
/** GSI1 partition of every public room (ULID sort keys: newest last). */
export const PUBLIC_ROOMS_PARTITION = 'PUBLIC_ROOMS';
/** GSI1 sort-key prefixes under USER#<userId>: memberships and invitations. */
export const MEMBERSHIP_INDEX_PREFIX = 'ROOM#';
export const INVITATION_INDEX_PREFIX = 'INVITE#';
/** Above every ULID character, so MSG#<id>..MSG#~ spans the messages after <id>. */
export const MESSAGE_SK_END = 'MSG#~';

/** Partition of everything that belongs to a room. */
export function roomPartition(roomId: string): string {
  return `ROOM#${roomId}`;
}

/** GSI1 partition of the rooms a user belongs to. */
export function userPartition(userId: string): string {
  return `USER#${userId}`;
}

export function roomKey(roomId: string): TableKey {
  return { PK: roomPartition(roomId), SK: ROOM_META_SK };
}

export function memberSortKey(userId: string): string {
  return `${MEMBER_SK_PREFIX}${userId}`;
}

export function memberKey(roomId: string, userId: string): TableKey {
  return { PK: roomPartition(roomId), SK: memberSortKey(userId) };
}

/** GSI1 attributes of a membership item, so "my rooms" is one query. */
export function memberIndexKey(roomId: string, userId: string): MemberIndexKey {
  return { GSI1PK: userPartition(userId), GSI1SK: roomPartition(roomId) };
}

export function messageKey(roomId: string, messageId: string): TableKey {
  return { PK: roomPartition(roomId), SK: `${MESSAGE_SK_PREFIX}${messageId}` };
}

/** One record per (room, sender, clientMessageId): a retried sendMessage finds it. */
export function sendRecordKey(roomId: string, senderId: string, clientMessageId: string): TableKey {
  return { PK: roomPartition(roomId), SK: `${SEND_RECORD_SK_PREFIX}${senderId}#${clientMessageId}` };
}

/**
 * A user removed from a room, kept apart from the membership item so that joining (and, later,
 * an invitation) can check it on its own.
 */
export function banKey(roomId: string, userId: string): TableKey {
  return { PK: roomPartition(roomId), SK: `${BAN_SK_PREFIX}${userId}` };
}

/** GSI1 attributes of a public room's META item, so listPublicRooms is one query. */
export function publicRoomIndexKey(roomId: string): MemberIndexKey {
  return { GSI1PK: PUBLIC_ROOMS_PARTITION, GSI1SK: roomPartition(roomId) };
}

/** An invitation of userId to a room, beside the ban it must not outlive. */
export function inviteKey(roomId: string, userId: string): TableKey {
  return { PK: roomPartition(roomId), SK: `${INVITE_SK_PREFIX}${userId}` };
}

/** GSI1 attributes of an invitation, so "my invitations" is one query. */
export function inviteIndexKey(roomId: string, userId: string): MemberIndexKey {
  return { GSI1PK: userPartition(userId), GSI1SK: `${INVITATION_INDEX_PREFIX}${roomId}` };
}

export function presenceKey(roomId: string, userId: string): TableKey {
  return { PK: roomPartition(roomId), SK: `${PRESENCE_SK_PREFIX}${userId}` };
}

export function typingKey(roomId: string, userId: string): TableKey {
  return { PK: roomPartition(roomId), SK: `${TYPING_SK_PREFIX}${userId}` };
}

/** The first sort key after message <messageId> (keys are fixed-length ULIDs, and "!" sorts first). */
export function messageSortKeyAfter(messageId: string): string {
  return `${MESSAGE_SK_PREFIX}${messageId}!`;
}

/*
 * Moderation (issue 13). A report has its own partition, so resolveReport finds it by id alone:
 *   report        REPORT#<reportId> / REPORT     GSI1: REPORTS#<status> / REPORT#<reportId>
 *   report claim  ROOM#<roomId> / REPORTED#<messageId>#<userId>   (once per user and message)
 * The moderation workflow (infra/moderation-workflow.ts) writes the report item with these
 * prefixes through its DynamoDB tasks.
 */
export const REPORT_PK_PREFIX = 'REPORT#';
export const REPORT_SK = 'REPORT';
export const REPORT_STATUS_INDEX_PREFIX = 'REPORTS#';
export const REPORT_INDEX_SK_PREFIX = 'REPORT#';
export const REPORT_CLAIM_SK_PREFIX = 'REPORTED#';

export function reportKey(reportId: string): TableKey {
  return { PK: `${REPORT_PK_PREFIX}${reportId}`, SK: REPORT_SK };
}

/** GSI1 partition of the reports in one status (listReports). */
export function reportStatusPartition(status: string): string {
  return `${REPORT_STATUS_INDEX_PREFIX}${status}`;
}

export function reportClaimKey(roomId: string, messageId: string, userId: string): TableKey {
  return { PK: roomPartition(roomId), SK: `${REPORT_CLAIM_SK_PREFIX}${messageId}#${userId}` };
}
