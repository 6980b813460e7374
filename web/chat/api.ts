/**
 * The chat operations, typed by codegen (resolvers/generated/operations.ts), run through
 * Amplify v6's generateClient() with user-pool auth.
 */
import { generateClient } from 'aws-amplify/api';
import { print } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import {
  AcceptInviteDocument,
  CreateRoomDocument,
  HeartbeatDocument,
  InviteMemberDocument,
  ListReportsDocument,
  OnReportDocument,
  ReportMessageDocument,
  ResolveReportDocument,
  ListPublicRoomsDocument,
  MarkReadDocument,
  MyInvitationsDocument,
  OnPresenceDocument,
  OnTypingDocument,
  PresenceDocument,
  ReactDocument,
  SetTypingDocument,
  UnreactDocument,
  DeleteMessageDocument,
  EditMessageDocument,
  JoinRoomDocument,
  LeaveRoomDocument,
  ListMessagesDocument,
  MyRoomsDocument,
  OnMessageChangedDocument,
  OnNewMessageDocument,
  GetRoomDocument,
  RemoveMemberDocument,
  SendMessageDocument,
  type InvitationFieldsFragment,
  type MessageFieldsFragment,
  type MyRoomsQuery,
  type PresenceFieldsFragment,
  type ReportDecision,
  type ReportFieldsFragment,
  type RoomFieldsFragment,
  type RoomVisibility,
  type TypingEventFieldsFragment,
} from '../../resolvers/generated/operations';
import { reportIfSessionEnded } from './session-ended';

export type Message = MessageFieldsFragment;
export type Room = RoomFieldsFragment;
/** A room as myRooms lists it: with the caller's read marker, unread count and last message. */
export type MyRoom = MyRoomsQuery['myRooms'][number];
export type Invitation = InvitationFieldsFragment;
export type Presence = PresenceFieldsFragment;
export type TypingEvent = TypingEventFieldsFragment;
export type Visibility = RoomVisibility;
export type Report = ReportFieldsFragment;
export type Decision = ReportDecision;

/** How many open reports one page of the moderation view holds (listReports allows 1 to 100). */
export const REPORTS_PAGE_SIZE = 20;

/** Messages read per page when the moderation view looks for a reported message. */
export const LOOKUP_PAGE_SIZE = 100;

/** The emoji react accepts, in the API's order (README: Reactions). */
export const REACTION_EMOJI = ['👍', '👎', '❤️', '😂', '😮', '😢', '🎉', '🙏', '👀', '🔥', '✅', '🚀'] as const;

/** How many public rooms one directory page holds. */
export const DIRECTORY_PAGE_SIZE = 20;

/** How many messages one history page holds (listMessages allows 1 to 100). */
export const HISTORY_PAGE_SIZE = 30;

/** The part of Amplify's client used here (its own types are for Gen2 data models). */
interface GraphQLCaller {
  graphql(options: { query: string; variables: Record<string, unknown> }): unknown;
}
let client: GraphQLCaller | null = null;
const clientOf = (): GraphQLCaller => (client ??= generateClient() as unknown as GraphQLCaller);

/** Printed once per document; Amplify sends query strings. */
const printed = new WeakMap<object, string>();
function queryOf(document: TypedDocumentNode<unknown, unknown>): string {
  let text = printed.get(document);
  if (text === undefined) printed.set(document, (text = print(document)));
  return text;
}

async function run<R, V>(document: TypedDocumentNode<R, V>, variables: V): Promise<R> {
  const query = queryOf(document as TypedDocumentNode<unknown, unknown>);
  try {
    const result = (await clientOf().graphql({ query, variables: variables as Record<string, unknown> })) as { data: R };
    return result.data;
  } catch (error) {
    throw reportIfSessionEnded(error);
  }
}

interface Observable<T> {
  subscribe(observer: { next(value: { data: T }): void; error(error: unknown): void }): { unsubscribe(): void };
}

function subscribe<R, V>(document: TypedDocumentNode<R, V>, variables: V, next: (data: R) => void, error: (e: unknown) => void): () => void {
  const observable = clientOf().graphql({
    query: queryOf(document as TypedDocumentNode<unknown, unknown>),
    variables: variables as Record<string, unknown>,
  }) as unknown as Observable<R>;
  const subscription = observable.subscribe({ next: (value) => next(value.data), error: (e) => error(reportIfSessionEnded(e)) });
  return () => subscription.unsubscribe();
}

export const chatApi = {
  myRooms: async () => (await run(MyRoomsDocument, {})).myRooms,
  getRoom: async (roomId: string) => (await run(GetRoomDocument, { roomId })).getRoom,
  createRoom: async (name: string, visibility: Visibility = 'PUBLIC') => (await run(CreateRoomDocument, { name, visibility })).createRoom,
  joinRoom: async (roomId: string) => (await run(JoinRoomDocument, { roomId })).joinRoom,
  leaveRoom: async (roomId: string) => (await run(LeaveRoomDocument, { roomId })).leaveRoom,
  removeMember: async (roomId: string, userId: string) => (await run(RemoveMemberDocument, { roomId, userId })).removeMember,
  listMessages: async (roomId: string, nextToken: string | null) =>
    (await run(ListMessagesDocument, { roomId, limit: HISTORY_PAGE_SIZE, nextToken })).listMessages,
  sendMessage: async (roomId: string, content: string, clientMessageId: string) =>
    (await run(SendMessageDocument, { roomId, content, clientMessageId })).sendMessage,
  editMessage: async (roomId: string, messageId: string, content: string) =>
    (await run(EditMessageDocument, { roomId, messageId, content })).editMessage,
  deleteMessage: async (roomId: string, messageId: string) => (await run(DeleteMessageDocument, { roomId, messageId })).deleteMessage,
  react: async (roomId: string, messageId: string, emoji: string) => (await run(ReactDocument, { roomId, messageId, emoji })).react,
  unreact: async (roomId: string, messageId: string, emoji: string) => (await run(UnreactDocument, { roomId, messageId, emoji })).unreact,
  markRead: async (roomId: string, messageId: string) => (await run(MarkReadDocument, { roomId, messageId })).markRead,
  setTyping: async (roomId: string) => (await run(SetTypingDocument, { roomId })).setTyping,
  heartbeat: async (roomId: string) => (await run(HeartbeatDocument, { roomId })).heartbeat,
  presence: async (roomId: string) => (await run(PresenceDocument, { roomId })).presence,
  inviteMember: async (roomId: string, userId: string) => (await run(InviteMemberDocument, { roomId, userId })).inviteMember,
  acceptInvite: async (roomId: string) => (await run(AcceptInviteDocument, { roomId })).acceptInvite,
  myInvitations: async () => (await run(MyInvitationsDocument, {})).myInvitations,
  listPublicRooms: async (nextToken: string | null) => (await run(ListPublicRoomsDocument, { limit: DIRECTORY_PAGE_SIZE, nextToken })).listPublicRooms,
  reportMessage: async (roomId: string, messageId: string, reason: string) => (await run(ReportMessageDocument, { roomId, messageId, reason })).reportMessage,
  resolveReport: async (reportId: string, decision: Decision, note: string | null) => (await run(ResolveReportDocument, { reportId, decision, note })).resolveReport,
  listOpenReports: async (nextToken: string | null) => (await run(ListReportsDocument, { status: 'OPEN', limit: REPORTS_PAGE_SIZE, nextToken })).listReports,
  /** A page of a room's messages for finding a reported one (larger than the room view's). */
  lookupMessages: async (roomId: string, nextToken: string | null) => (await run(ListMessagesDocument, { roomId, limit: LOOKUP_PAGE_SIZE, nextToken })).listMessages,
  /** onReport (Admins): every report the workflow records; returns the unsubscribe. */
  watchReports(onReport: (report: Report) => void, onError: (error: unknown) => void): () => void {
    return subscribe(OnReportDocument, {}, (d) => d.onReport && onReport(d.onReport), onError);
  },
  /** onTyping for one room (never the caller's own signals); returns the unsubscribe. */
  watchTyping(roomId: string, onTyping: (event: TypingEvent) => void, onError: (error: unknown) => void): () => void {
    return subscribe(OnTypingDocument, { roomId }, (d) => d.onTyping && onTyping(d.onTyping), onError);
  },
  /** onPresence for one room; returns the unsubscribe. */
  watchPresence(roomId: string, onPresence: (presence: Presence) => void, onError: (error: unknown) => void): () => void {
    return subscribe(OnPresenceDocument, { roomId }, (d) => d.onPresence && onPresence(d.onPresence), onError);
  },
  /** onNewMessage and onMessageChanged for one room; returns the unsubscribe. */
  watchRoom(roomId: string, onMessage: (message: Message) => void, onError: (error: unknown) => void): () => void {
    const stops = [
      subscribe(OnNewMessageDocument, { roomId }, (d) => d.onNewMessage && onMessage(d.onNewMessage), onError),
      subscribe(OnMessageChangedDocument, { roomId }, (d) => d.onMessageChanged && onMessage(d.onMessageChanged), onError),
    ];
    return () => stops.forEach((stop) => stop());
  },
};
