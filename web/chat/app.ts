/// <reference lib="dom" />
/**
 * The chat page: sign-in, then my rooms beside the open room. The open room is in the URL
 * (`#/rooms/<id>`), so a link to it can be shared.
 */
import { useCallback, useEffect, useState } from 'react';
import { signOut } from 'aws-amplify/auth';
import { chatApi, type Invitation, type Message, type MyRoom, type Room } from './api';
import { watchConnection, type ConnectionView } from './connection';
import { Directory } from './directory';
import { Invitations } from './invitations';
import { Moderation } from './moderation';
import { RoomList } from './room-list';
import { RoomView } from './room-view';
import { currentUser, type SignedInUser } from './session';
import { onSessionEnded } from './session-ended';
import { SignIn } from './sign-in';
import { errorTypeOf, isGroupDenial, plainError } from '../shared/errors';
import { Fragment, h } from '../shared/h';
import { TlsWarning } from '../shared/tls-check';
import type { LoadedOutputs } from '../shared/outputs';

const ROOM_ROUTE = /^#\/rooms\/([^/?#]+)$/;
/** The Admins' moderation view. */
const MODERATION_ROUTE = '#/moderation';

function roomIdInHash(): string | null {
  return ROOM_ROUTE.exec(location.hash)?.[1] ?? null;
}

/** A room id, or a pasted link that ends in #/rooms/<id>. */
function roomIdFrom(input: string): string {
  const trimmed = input.trim();
  return /#\/rooms\/([^/?#]+)/.exec(trimmed)?.[1] ?? trimmed;
}

const CONNECTION_LABELS: Record<ConnectionView | 'idle', string> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
  idle: 'No room open',
};

export function App({ outputs }: { outputs: LoadedOutputs }) {
  const warning = outputs.twin ? h(TlsWarning, { apiUrl: outputs.graphqlUrl }) : null;
  return h(Fragment, null, warning, h(Signed, { outputs }));
}

/** Shown on the sign-in form when the API refused the session (expired, or signed out elsewhere). */
const SESSION_ENDED = 'Your session has ended (it expired or was signed out elsewhere). Sign in again.';

function Signed({ outputs }: { outputs: LoadedOutputs }) {
  const [user, setUser] = useState<SignedInUser | null | undefined>(undefined);
  const [notice, setNotice] = useState<string | null>(null);
  const refreshUser = useCallback(() => void currentUser().then(setUser), []);
  useEffect(refreshUser, [refreshUser]);
  // The stored tokens are no good any more: drop them, back to the form with the reason.
  useEffect(
    () =>
      onSessionEnded(() => {
        setNotice(SESSION_ENDED);
        void signOut()
          .catch(() => undefined)
          .then(() => setUser(null));
      }),
    [],
  );

  if (user === undefined) return h('main', { className: 'loading' }, 'Loading…');
  if (user === null)
    return h(SignIn, {
      twin: outputs.twin,
      notice,
      onSignedIn: () => {
        setNotice(null);
        refreshUser();
      },
    });
  return h(Chat, {
    user,
    onSignOut: () => void signOut().then(() => setUser(null)),
  });
}

/** What a member sees when the room stops answering them: removed by an Admin, or left elsewhere. */
const ACCESS_LOST = 'You are no longer a member of this room: an Admin removed you, or you left it in another window.';

type Opened = { kind: 'none' } | { kind: 'room'; room: Room } | { kind: 'refused'; roomId: string; message: string; canJoin: boolean };

/** The API's refusal of a join to a private room without an invitation, in the page's words. */
const NEEDS_INVITATION = 'This room is private: you need an invitation to join it. Ask a member to invite you by your user id.';

function joinRefusal(e: unknown, what: string): string {
  if (errorTypeOf(e) === 'Unauthorized' && !isGroupDenial(e) && /invitation/i.test(plainError(e, ''))) return NEEDS_INVITATION;
  return plainError(e, what);
}

function Chat({ user, onSignOut }: { user: SignedInUser; onSignOut: () => void }) {
  const [rooms, setRooms] = useState<MyRoom[]>([]);
  /** False until myRooms first answered: the open room's read marker is not known before. */
  const [roomsLoaded, setRoomsLoaded] = useState(false);
  const [invitations, setInvitations] = useState<Invitation[]>([]);
  const [privateRoom, setPrivateRoom] = useState(false);
  const [roomId, setRoomId] = useState<string | null>(roomIdInHash);
  const [moderating, setModerating] = useState(() => location.hash === MODERATION_ROUTE);
  const [opened, setOpened] = useState<Opened>({ kind: 'none' });
  const [connection, setConnection] = useState<ConnectionView>('connecting');
  const [error, setError] = useState<string | null>(null);
  const [newRoom, setNewRoom] = useState('');
  const [joinId, setJoinId] = useState('');
  /** On a phone the room list folds away while a room is open; this opens it again. */
  const [roomsShown, setRoomsShown] = useState(false);

  useEffect(() => watchConnection(setConnection), []);
  useEffect(() => {
    const onHash = () => {
      setRoomId(roomIdInHash());
      setModerating(location.hash === MODERATION_ROUTE);
    };
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);

  const loadRooms = useCallback(async () => {
    try {
      const [mine, invited] = await Promise.all([chatApi.myRooms(), chatApi.myInvitations()]);
      setRooms(mine);
      setInvitations(invited);
      setRoomsLoaded(true);
    } catch (e) {
      setError(plainError(e, 'Loading your rooms failed'));
    }
  }, []);
  useEffect(() => void loadRooms(), [loadRooms]);
  // Unread counts of the other rooms and new invitations have no subscription: read them again
  // when the reader comes back to the page or moves to another room.
  useEffect(() => {
    const onVisible = () => document.visibilityState === 'visible' && void loadRooms();
    document.addEventListener('visibilitychange', onVisible);
    addEventListener('hashchange', onVisible);
    return () => {
      document.removeEventListener('visibilitychange', onVisible);
      removeEventListener('hashchange', onVisible);
    };
  }, [loadRooms]);

  /** The open room's newest shown message is read: no badge, and it is the room's last message. */
  const markedRead = useCallback((message: Message) => {
    setRooms((list) =>
      list.map((room) =>
        room.id === message.roomId
          ? { ...room, unreadCount: 0, lastReadMessageId: message.id, lastMessage: !room.lastMessage || room.lastMessage.id <= message.id ? message : room.lastMessage }
          : room,
      ),
    );
  }, []);

  useEffect(() => {
    if (!roomId) return setOpened({ kind: 'none' });
    let current = true;
    chatApi.getRoom(roomId).then(
      (room) => {
        if (!current) return;
        setOpened(room ? { kind: 'room', room } : { kind: 'refused', roomId, message: 'This room does not exist.', canJoin: false });
      },
      (e) => {
        if (!current) return;
        // A member of a group who is not in the room may join it from here.
        const canJoin = errorTypeOf(e) === 'Unauthorized' && !isGroupDenial(e);
        setOpened({ kind: 'refused', roomId, message: plainError(e, 'This room cannot be opened'), canJoin });
      },
    );
    return () => {
      current = false;
    };
  }, [roomId]);

  const open = (id: string) => {
    location.hash = `#/rooms/${id}`;
    setRoomsShown(false);
  };

  /** `inPlace`: a join from the refused room's view, where "you need an invitation" is shown. */
  async function act(action: () => Promise<Room>, what: string, inPlace = false) {
    try {
      const room = await action();
      setError(null);
      await loadRooms();
      // Joining from the refused view leaves the hash as it is: open the room directly.
      setOpened({ kind: 'room', room });
      open(room.id);
    } catch (e) {
      const message = joinRefusal(e, what);
      // A private room's refusal replaces the offer to join (joining again would not help).
      if (inPlace && message === NEEDS_INVITATION) setOpened((o) => (o.kind === 'refused' ? { ...o, message, canJoin: false } : o));
      else setError(message);
    }
  }

  const openedRoomId = opened.kind === 'room' ? opened.room.id : null;
  const readMarkerAtOpen = roomsLoaded ? (rooms.find((r) => r.id === openedRoomId)?.lastReadMessageId ?? null) : undefined;

  const badge = opened.kind === 'room' ? connection : 'idle';
  return h(
    'div',
    { className: `chat${opened.kind === 'none' && !moderating ? '' : ' room-open'}${roomsShown ? ' rooms-shown' : ''}` },
    h(
      'header',
      { className: 'top' },
      h('h1', null, h('span', { className: 'brand-mark', 'aria-hidden': true }), 'Chat'),
      h(
        'button',
        { type: 'button', className: 'rooms-toggle', 'aria-expanded': roomsShown, 'aria-controls': 'rooms-nav', onClick: () => setRoomsShown((shown) => !shown) },
        'Rooms',
      ),
      h('span', { className: `connection ${badge}`, role: 'status', 'aria-label': `Connection: ${CONNECTION_LABELS[badge]}` }, CONNECTION_LABELS[badge]),
      h('span', { className: 'who' }, `Signed in as ${user.username}${user.isAdmin ? ' (admin)' : ''}`),
      h('button', { type: 'button', onClick: onSignOut }, 'Sign out'),
    ),
    h(
      'nav',
      { className: 'sidebar', id: 'rooms-nav', 'aria-label': 'Rooms' },
      h('h2', null, 'My rooms'),
      h(RoomList, { rooms, currentId: roomId, onPick: () => setRoomsShown(false) }),
      user.isAdmin &&
        h(
          'button',
          {
            type: 'button',
            className: 'moderation-link',
            'aria-current': moderating ? 'page' : undefined,
            onClick: () => {
              location.hash = MODERATION_ROUTE;
              setRoomsShown(false);
            },
          },
          'Moderation',
        ),
      h(Invitations, { invitations, onAccept: (invitation) => void act(() => chatApi.acceptInvite(invitation.roomId), `Accepting the invitation to ${invitation.roomName} failed`) }),
      h(
        'form',
        {
          className: 'side-form',
          onSubmit: (e) => {
            e.preventDefault();
            const name = newRoom;
            const visibility = privateRoom ? 'PRIVATE' : 'PUBLIC';
            setNewRoom('');
            setPrivateRoom(false);
            void act(() => chatApi.createRoom(name, visibility), 'Creating the room failed');
          },
        },
        h('label', { htmlFor: 'new-room' }, 'New room'),
        h('div', { className: 'row' }, h('input', { id: 'new-room', value: newRoom, placeholder: 'Room name', required: true, onChange: (e) => setNewRoom(e.target.value) }), h('button', { type: 'submit' }, 'Create')),
        h(
          'label',
          { className: 'check' },
          h('input', { type: 'checkbox', checked: privateRoom, onChange: (e) => setPrivateRoom(e.target.checked) }),
          'Private (by invitation only)',
        ),
      ),
      h(
        'form',
        {
          className: 'side-form',
          onSubmit: (e) => {
            e.preventDefault();
            const id = roomIdFrom(joinId);
            setJoinId('');
            void act(() => chatApi.joinRoom(id), 'Joining the room failed');
          },
        },
        h('label', { htmlFor: 'join-room' }, 'Join a room'),
        h('div', { className: 'row' }, h('input', { id: 'join-room', value: joinId, placeholder: 'Room id or link', required: true, onChange: (e) => setJoinId(e.target.value) }), h('button', { type: 'submit' }, 'Join')),
      ),
      h(Directory, {
        memberOf: new Set(rooms.map((r) => r.id)),
        onOpen: (room) => open(room.id),
        onJoin: (room) => void act(() => chatApi.joinRoom(room.id), `Joining ${room.name} failed`),
      }),
      error && h('p', { className: 'error', role: 'alert' }, error),
      h('p', { className: 'my-id' }, 'Your user id ', h('code', null, user.userId), ' (give it to be invited to a private room)'),
    ),
    h(
      'main',
      { className: 'main' },
      moderating && (user.isAdmin ? h(Moderation, null) : h('div', { className: 'empty' }, h('p', { className: 'error' }, 'The moderation view is for Admins.'))),
      opened.kind === 'none' && !moderating && h('div', { className: 'empty' }, h('p', null, 'Pick a room, create one, or paste a room link to join.')),
      opened.kind === 'refused' &&
        h(
          'div',
          { className: 'empty', role: 'alert' },
          h('p', { className: 'error' }, opened.message),
          opened.canJoin && h('button', { type: 'button', className: 'primary', onClick: () => void act(() => chatApi.joinRoom(opened.roomId), 'Joining the room failed', true) }, 'Join this room'),
        ),
      opened.kind === 'room' &&
        h(RoomView, {
          key: opened.room.id,
          room: opened.room,
          user,
          connection,
          onLeave: () => {
            location.hash = '';
            void loadRooms();
          },
          readMarkerAtOpen,
          onRead: markedRead,
          onAccessLost: () => {
            setOpened({ kind: 'refused', roomId: opened.room.id, message: ACCESS_LOST, canJoin: true });
            void loadRooms();
          },
        }),
    ),
  );
}
