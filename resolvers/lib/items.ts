/**
 * The stored items and how they become the GraphQL types. Items carry their keys plus the
 * fields of the type; the mappers drop the keys so clients only see the contract.
 */
import type { Invitation, Message, Presence, Room, RoomVisibility, TypingEvent } from '../generated/graphql';
import { reactionsOf } from './reactions';

export type RoomItem = {
  PK: string;
  SK: string;
  id: string;
  name: string;
  createdBy: string;
  createdAt: string;
  /** Absent on rooms made before private rooms existed: those are PUBLIC. */
  visibility?: RoomVisibility;
  /** Public rooms only: PUBLIC_ROOMS / ROOM#<roomId> (listPublicRooms). */
  GSI1PK?: string;
  GSI1SK?: string;
};

/** A membership item also carries the room's fields, so "my rooms" needs no second read. */
export type MemberItem = {
  PK: string;
  SK: string;
  GSI1PK: string;
  GSI1SK: string;
  roomId: string;
  userId: string;
  roomName: string;
  roomCreatedBy: string;
  roomCreatedAt: string;
  roomVisibility?: RoomVisibility;
  joinedAt: string;
  /** markRead's marker: only ever moves to a later message. */
  lastReadMessageId?: string | null;
};

/**
 * A Room as myRooms returns it: with the caller's read state, and a mark (not in the schema)
 * that lets the Room.unreadCount and Room.lastMessage resolvers answer only there.
 */
export type MemberRoom = Room & { memberView: true };

export type MessageItem = {
  PK: string;
  SK: string;
  roomId: string;
  id: string;
  senderId: string;
  sender: string;
  content: string;
  createdAt: string;
  editedAt?: string | null;
  deleted: boolean;
  /** Reactions: REACT#<emoji> string sets of user ids (lib/reactions.ts). */
  [reactionAttribute: `REACT#${string}`]: string[] | undefined;
};

/**
 * The idempotency record of sendMessage: which message a (room, sender, clientMessageId) made.
 * It holds no content, so deleting the message leaves no copy behind.
 */
export type SendRecordItem = {
  PK: string;
  SK: string;
  roomId: string;
  messageId: string;
  senderId: string;
  clientMessageId: string;
  createdAt: string;
};

/** removeMember's record that a user may not join the room again until an Admin unbans them. */
export type BanItem = {
  PK: string;
  SK: string;
  roomId: string;
  userId: string;
  /** The Admin's user id, or the IAM caller's ARN. */
  bannedBy: string;
  bannedAt: string;
};

/** An invitation of userId; it ends when they join, or when a ban withdraws it. */
export type InviteItem = {
  PK: string;
  SK: string;
  GSI1PK: string;
  GSI1SK: string;
  roomId: string;
  roomName: string;
  userId: string;
  invitedBy: string;
  invitedAt: string;
};

/** heartbeat's record; expired when expiresAt (epoch seconds, the table's TTL) has passed. */
export type PresenceItem = {
  PK: string;
  SK: string;
  roomId: string;
  userId: string;
  username: string;
  lastSeenAt: string;
  /** Epoch milliseconds of lastSeenAt, for the heartbeat rate condition. */
  lastSeenMs: number;
  expiresAt: number;
};

/** setTyping's rate record: the last signal's time; expiresAt (TTL) lets DynamoDB drop it. */
export type TypingItem = {
  PK: string;
  SK: string;
  roomId: string;
  userId: string;
  typedAtMs: number;
  expiresAt: number;
};

export function toRoom(item: RoomItem): Room {
  return { id: item.id, name: item.name, createdBy: item.createdBy, createdAt: item.createdAt, visibility: item.visibility ?? 'PUBLIC' };
}

export function memberToRoom(item: MemberItem): MemberRoom {
  return {
    id: item.roomId,
    name: item.roomName,
    createdBy: item.roomCreatedBy,
    createdAt: item.roomCreatedAt,
    visibility: item.roomVisibility ?? 'PUBLIC',
    lastReadMessageId: item.lastReadMessageId ?? null,
    memberView: true,
  };
}

export function toInvitation(item: InviteItem): Invitation {
  return { roomId: item.roomId, roomName: item.roomName, userId: item.userId, invitedBy: item.invitedBy, invitedAt: item.invitedAt };
}

export function toPresence(item: PresenceItem): Presence {
  return { roomId: item.roomId, userId: item.userId, username: item.username, lastSeenAt: item.lastSeenAt, expiresAt: item.expiresAt };
}

export function toTypingEvent(roomId: string, userId: string, username: string, at: string): TypingEvent {
  return { roomId, userId, username, at };
}

/** A stored message as viewerId sees it (viewerId null for an operator: no reaction is "mine"). */
export function toMessage(item: Omit<MessageItem, 'PK' | 'SK'>, viewerId: string | null): Message {
  return {
    roomId: item.roomId,
    id: item.id,
    senderId: item.senderId,
    sender: item.sender,
    content: item.content,
    createdAt: item.createdAt,
    editedAt: item.editedAt ?? null,
    deleted: item.deleted,
    reactions: reactionsOf(item, viewerId),
  };
}
