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

export type Message = {
  __typename?: 'Message';
  content: Scalars['String']['output'];
  createdAt: Scalars['AWSDateTime']['output'];
  deleted: Scalars['Boolean']['output'];
  editedAt?: Maybe<Scalars['AWSDateTime']['output']>;
  id: Scalars['ID']['output'];
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
  /** The caller becomes the first member of the new room. */
  createRoom: Room;
  /** The sender, or Admins. A soft delete: the message stays with deleted = true and no content. */
  deleteMessage: Message;
  /** The sender only. */
  editMessage: Message;
  joinRoom: Room;
  leaveRoom: Room;
  /** Admins only. Ends the user's membership and subscriptions, and bans them from the room until unbanMember. */
  removeMember: Room;
  /** Idempotent per (room, sender, clientMessageId): a retry returns the stored message. */
  sendMessage: Message;
  /** Admins only. Lifts removeMember's ban: the user may join again (this does not make them a member). */
  unbanMember: Room;
};


export type MutationCreateRoomArgs = {
  name: Scalars['String']['input'];
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


export type MutationJoinRoomArgs = {
  roomId: Scalars['ID']['input'];
};


export type MutationLeaveRoomArgs = {
  roomId: Scalars['ID']['input'];
};


export type MutationRemoveMemberArgs = {
  roomId: Scalars['ID']['input'];
  userId: Scalars['String']['input'];
};


export type MutationSendMessageArgs = {
  clientMessageId: Scalars['String']['input'];
  content: Scalars['String']['input'];
  roomId: Scalars['ID']['input'];
};


export type MutationUnbanMemberArgs = {
  roomId: Scalars['ID']['input'];
  userId: Scalars['String']['input'];
};

export type Query = {
  __typename?: 'Query';
  getRoom?: Maybe<Room>;
  /** Newest first. limit defaults to 50 and may be 1 to 100. */
  listMessages: MessagePage;
  /** The rooms the caller belongs to. */
  myRooms: Array<Room>;
};


export type QueryGetRoomArgs = {
  roomId: Scalars['ID']['input'];
};


export type QueryListMessagesArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  nextToken?: InputMaybe<Scalars['String']['input']>;
  roomId: Scalars['ID']['input'];
};

export type Room = {
  __typename?: 'Room';
  createdAt: Scalars['AWSDateTime']['output'];
  createdBy: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
};

export type Subscription = {
  __typename?: 'Subscription';
  /** Edits and deletes. */
  onMessageChanged?: Maybe<Message>;
  onNewMessage?: Maybe<Message>;
};


export type SubscriptionOnMessageChangedArgs = {
  roomId: Scalars['ID']['input'];
};


export type SubscriptionOnNewMessageArgs = {
  roomId: Scalars['ID']['input'];
};
