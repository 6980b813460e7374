export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  AWSDate: { input: string; output: string; }
  AWSDateTime: { input: string; output: string; }
  AWSEmail: { input: string; output: string; }
  AWSIPAddress: { input: string; output: string; }
  AWSJSON: { input: string; output: string; }
  AWSPhone: { input: string; output: string; }
  AWSTime: { input: string; output: string; }
  AWSTimestamp: { input: number; output: number; }
  AWSURL: { input: string; output: string; }
};

export type Invitation = {
  __typename?: 'Invitation';
  invitedAt: Scalars['AWSDateTime']['output'];
  /** A user id, or an operator's IAM ARN. */
  invitedBy: Scalars['String']['output'];
  roomId: Scalars['ID']['output'];
  roomName: Scalars['String']['output'];
  userId: Scalars['String']['output'];
};

export type Message = {
  __typename?: 'Message';
  content: Scalars['String']['output'];
  createdAt: Scalars['AWSDateTime']['output'];
  deleted: Scalars['Boolean']['output'];
  editedAt?: Maybe<Scalars['AWSDateTime']['output']>;
  id: Scalars['ID']['output'];
  /** In the order of the emoji allow-list; empty on a deleted message. */
  reactions: Array<Reaction>;
  roomId: Scalars['ID']['output'];
  sender: Scalars['String']['output'];
  senderId: Scalars['String']['output'];
};

export type MessagePage = {
  __typename?: 'MessagePage';
  items: Array<Message>;
  nextToken?: Maybe<Scalars['String']['output']>;
};

export type Mutation = {
  __typename?: 'Mutation';
  /** Joins a room the caller is invited to (public or private) and uses up the invitation. */
  acceptInvite: Room;
  /** The caller becomes the first member of the new room. */
  createRoom: Room;
  /** The sender, or Admins. A soft delete: the message stays with deleted = true and no content. */
  deleteMessage: Message;
  /** The sender only. */
  editMessage: Message;
  /** The caller is here for 60 seconds; at most once every 5 seconds per user and room. */
  heartbeat: Presence;
  /** Members of the room and operators invite a user; idempotent. A banned user cannot be invited. */
  inviteMember: Invitation;
  /** A PRIVATE room needs an invitation (which joining uses up); a ban refuses both kinds. */
  joinRoom: Room;
  leaveRoom: Room;
  /** Moves the caller's read marker forward to messageId; never back. */
  markRead: ReadState;
  /** Operators (IAM) only: the moderation workflow's ReportOpened event calls it to feed onReport. Stores nothing. */
  publishReport?: Maybe<Report>;
  /** One reaction per user per emoji (idempotent); emoji from the allow-list. */
  react: Message;
  /** Admins only. Ends the user's membership and subscriptions, and bans them from the room until unbanMember. */
  removeMember: Room;
  /** Members of the room, once per user and message; starts the moderation workflow. reason: 1 to 500 characters. */
  reportMessage: Report;
  /** Admins only. The decision goes to the waiting workflow, which removes the message or dismisses the report; the Report returned has the status it will take. */
  resolveReport: Report;
  /** Idempotent per (room, sender, clientMessageId): a retry returns the stored message. */
  sendMessage: Message;
  /** At most once every 2 seconds per user and room (LimitExceeded past it). */
  setTyping: TypingEvent;
  /** Admins only. Lifts removeMember's ban: the user may join again (this does not make them a member). */
  unbanMember: Room;
  /** Idempotent. */
  unreact: Message;
};


export type MutationAcceptInviteArgs = {
  roomId: Scalars['ID']['input'];
};


export type MutationCreateRoomArgs = {
  name: Scalars['String']['input'];
  visibility?: InputMaybe<RoomVisibility>;
};


export type MutationDeleteMessageArgs = {
  messageId: Scalars['ID']['input'];
  roomId: Scalars['ID']['input'];
};


export type MutationEditMessageArgs = {
  content: Scalars['String']['input'];
  messageId: Scalars['ID']['input'];
  roomId: Scalars['ID']['input'];
};


export type MutationHeartbeatArgs = {
  roomId: Scalars['ID']['input'];
};


export type MutationInviteMemberArgs = {
  roomId: Scalars['ID']['input'];
  userId: Scalars['String']['input'];
};


export type MutationJoinRoomArgs = {
  roomId: Scalars['ID']['input'];
};


export type MutationLeaveRoomArgs = {
  roomId: Scalars['ID']['input'];
};


export type MutationMarkReadArgs = {
  messageId: Scalars['ID']['input'];
  roomId: Scalars['ID']['input'];
};


export type MutationPublishReportArgs = {
  createdAt: Scalars['AWSDateTime']['input'];
  id: Scalars['ID']['input'];
  messageId: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
  reporterId: Scalars['String']['input'];
  roomId: Scalars['ID']['input'];
};


export type MutationReactArgs = {
  emoji: Scalars['String']['input'];
  messageId: Scalars['ID']['input'];
  roomId: Scalars['ID']['input'];
};


export type MutationRemoveMemberArgs = {
  roomId: Scalars['ID']['input'];
  userId: Scalars['String']['input'];
};


export type MutationReportMessageArgs = {
  messageId: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
  roomId: Scalars['ID']['input'];
};


export type MutationResolveReportArgs = {
  decision: ReportDecision;
  note?: InputMaybe<Scalars['String']['input']>;
  reportId: Scalars['ID']['input'];
};


export type MutationSendMessageArgs = {
  clientMessageId: Scalars['String']['input'];
  content: Scalars['String']['input'];
  roomId: Scalars['ID']['input'];
};


export type MutationSetTypingArgs = {
  roomId: Scalars['ID']['input'];
};


export type MutationUnbanMemberArgs = {
  roomId: Scalars['ID']['input'];
  userId: Scalars['String']['input'];
};


export type MutationUnreactArgs = {
  emoji: Scalars['String']['input'];
  messageId: Scalars['ID']['input'];
  roomId: Scalars['ID']['input'];
};

/** A member seen in a room by heartbeat until expiresAt. */
export type Presence = {
  __typename?: 'Presence';
  /** Epoch seconds; the item's DynamoDB TTL attribute. */
  expiresAt: Scalars['AWSTimestamp']['output'];
  lastSeenAt: Scalars['AWSDateTime']['output'];
  roomId: Scalars['ID']['output'];
  userId: Scalars['String']['output'];
  username: Scalars['String']['output'];
};

export type Query = {
  __typename?: 'Query';
  getRoom?: Maybe<Room>;
  /** Newest first. limit defaults to 50 and may be 1 to 100. */
  listMessages: MessagePage;
  /** Public rooms, newest first. limit defaults to 50 and may be 1 to 100. */
  listPublicRooms: RoomPage;
  /** Admins only. Reports in one status (default OPEN), newest first; limit 1 to 100, default 50. */
  listReports: ReportPage;
  /** The caller's pending invitations. */
  myInvitations: Array<Invitation>;
  /** The rooms the caller belongs to. */
  myRooms: Array<Room>;
  /** Who is here: members whose last heartbeat has not expired; members only. */
  presence: Array<Presence>;
};


export type QueryGetRoomArgs = {
  roomId: Scalars['ID']['input'];
};


export type QueryListMessagesArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  nextToken?: InputMaybe<Scalars['String']['input']>;
  roomId: Scalars['ID']['input'];
};


export type QueryListPublicRoomsArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  nextToken?: InputMaybe<Scalars['String']['input']>;
};


export type QueryListReportsArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  nextToken?: InputMaybe<Scalars['String']['input']>;
  status?: InputMaybe<ReportStatus>;
};


export type QueryPresenceArgs = {
  roomId: Scalars['ID']['input'];
};

/** One emoji on one message: how many users chose it, and whether the caller is one of them. */
export type Reaction = {
  __typename?: 'Reaction';
  count: Scalars['Int']['output'];
  emoji: Scalars['String']['output'];
  /** The caller of the operation that returned the message (on an onMessageChanged event: the user who reacted). */
  mine: Scalars['Boolean']['output'];
};

export type ReadState = {
  __typename?: 'ReadState';
  lastReadMessageId: Scalars['ID']['output'];
  roomId: Scalars['ID']['output'];
};

/** A member's report of a message, handled by the moderation workflow. */
export type Report = {
  __typename?: 'Report';
  createdAt: Scalars['AWSDateTime']['output'];
  decidedAt?: Maybe<Scalars['AWSDateTime']['output']>;
  /** The Admin's user id, or timeout. */
  decidedBy?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  messageId: Scalars['ID']['output'];
  note?: Maybe<Scalars['String']['output']>;
  reason: Scalars['String']['output'];
  reporterId: Scalars['String']['output'];
  roomId: Scalars['ID']['output'];
  status: ReportStatus;
};

export type ReportDecision =
  | 'DISMISS'
  | 'REMOVE';

export type ReportPage = {
  __typename?: 'ReportPage';
  items: Array<Report>;
  nextToken?: Maybe<Scalars['String']['output']>;
};

export type ReportStatus =
  /** A moderator dismissed the report, or nobody decided before the timeout (decidedBy: timeout). */
  | 'DISMISSED'
  /** The workflow failed; failure kept on the report for an operator. */
  | 'FAILED'
  /** Waiting for a moderator. */
  | 'OPEN'
  /** A moderator removed the message. */
  | 'REMOVED';

export type Room = {
  __typename?: 'Room';
  createdAt: Scalars['AWSDateTime']['output'];
  createdBy: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  /** myRooms only (null elsewhere): the room's newest message. */
  lastMessage?: Maybe<Message>;
  /** myRooms only (null elsewhere): the caller's last read message, set by markRead. */
  lastReadMessageId?: Maybe<Scalars['ID']['output']>;
  name: Scalars['String']['output'];
  /** myRooms only (null elsewhere): messages after lastReadMessageId, counted up to 100; 100 means 100 or more. */
  unreadCount?: Maybe<Scalars['Int']['output']>;
  visibility: RoomVisibility;
};

export type RoomPage = {
  __typename?: 'RoomPage';
  items: Array<Room>;
  nextToken?: Maybe<Scalars['String']['output']>;
};

/** PUBLIC rooms are listed by listPublicRooms and joined by any Member; PRIVATE rooms only by invitation. */
export type RoomVisibility =
  | 'PRIVATE'
  | 'PUBLIC';

export type Subscription = {
  __typename?: 'Subscription';
  /** Edits, deletes and reactions. */
  onMessageChanged?: Maybe<Message>;
  onNewMessage?: Maybe<Message>;
  onPresence?: Maybe<Presence>;
  /** Admins only: every report the workflow records, in any room. */
  onReport?: Maybe<Report>;
  /** Others typing in the room (never the subscriber's own signals). */
  onTyping?: Maybe<TypingEvent>;
};


export type SubscriptionOnMessageChangedArgs = {
  roomId: Scalars['ID']['input'];
};


export type SubscriptionOnNewMessageArgs = {
  roomId: Scalars['ID']['input'];
};


export type SubscriptionOnPresenceArgs = {
  roomId: Scalars['ID']['input'];
};


export type SubscriptionOnTypingArgs = {
  roomId: Scalars['ID']['input'];
};

/** Someone in the room is typing. Nothing but a rate-limit record is stored. */
export type TypingEvent = {
  __typename?: 'TypingEvent';
  at: Scalars['AWSDateTime']['output'];
  roomId: Scalars['ID']['output'];
  userId: Scalars['String']['output'];
  username: Scalars['String']['output'];
};
