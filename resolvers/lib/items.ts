/**
 * The stored items and how they become the GraphQL types. Items carry their keys plus the
 * fields of the type; the mappers drop the keys so clients only see the contract.
 */
import type { Message, Room } from '../generated/graphql';

export type RoomItem = {
  PK: string;
  SK: string;
  id: string;
  name: string;
  createdBy: string;
  createdAt: string;
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
  joinedAt: string;
};

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

export function toRoom(item: RoomItem): Room {
  return { id: item.id, name: item.name, createdBy: item.createdBy, createdAt: item.createdAt };
}

export function memberToRoom(item: MemberItem): Room {
  return { id: item.roomId, name: item.roomName, createdBy: item.roomCreatedBy, createdAt: item.roomCreatedAt };
}

export function toMessage(item: Omit<MessageItem, 'PK' | 'SK'>): Message {
  return {
    roomId: item.roomId,
    id: item.id,
    senderId: item.senderId,
    sender: item.sender,
    content: item.content,
    createdAt: item.createdAt,
    editedAt: item.editedAt ?? null,
    deleted: item.deleted,
  };
}
