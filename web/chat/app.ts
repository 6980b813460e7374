/// <reference lib="dom" />
/**
 * The chat page: sign-in, then my rooms beside the open room. The open room is in the URL
 * (`#/rooms/<id>`), so a link to it can be shared.
 */
import { useCallback, useEffect, useState } from 'react';
import { signOut } from 'aws-amplify/auth';
import { chatApi, type Room } from './api';
import { watchConnection, type ConnectionView } from './connection';
import { RoomView } from './room-view';
import { currentUser, type SignedInUser } from './session';
import { onSessionEnded } from './session-ended';
import { SignIn } from './sign-in';
import { errorTypeOf, isGroupDenial, plainError } from '../shared/errors';
import { Fragment, h } from '../shared/h';
import { TlsWarning } from '../shared/tls-check';
import type { LoadedOutputs } from '../shared/outputs';

const ROOM_ROUTE = /^#\/rooms\/([^/?#]+)$/;

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

function Chat({ user, onSignOut }: { user: SignedInUser; onSignOut: () => void }) {
  const [rooms, setRooms] = useState<Room[]>([]);
  const [roomId, setRoomId] = useState<string | null>(roomIdInHash);
  const [opened, setOpened] = useState<Opened>({ kind: 'none' });
  const [connection, setConnection] = useState<ConnectionView>('connecting');
  const [error, setError] = useState<string | null>(null);
  const [newRoom, setNewRoom] = useState('');
  const [joinId, setJoinId] = useState('');
  /** On a phone the room list folds away while a room is open; this opens it again. */
  const [roomsShown, setRoomsShown] = useState(false);

  useEffect(() => watchConnection(setConnection), []);
  useEffect(() => {
    const onHash = () => setRoomId(roomIdInHash());
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);

  const loadRooms = useCallback(async () => {
    try {
      setRooms(await chatApi.myRooms());
    } catch (e) {
      setError(plainError(e, 'Loading your rooms failed'));
    }
  }, []);
  useEffect(() => void loadRooms(), [loadRooms]);

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

  async function act(action: () => Promise<Room>, what: string) {
    try {
      const room = await action();
      setError(null);
      await loadRooms();
      // Joining from the refused view leaves the hash as it is: open the room directly.
      setOpened({ kind: 'room', room });
      open(room.id);
    } catch (e) {
      setError(plainError(e, what));
    }
  }

  const badge = opened.kind === 'room' ? connection : 'idle';
  return h(
    'div',
    { className: `chat${opened.kind === 'none' ? '' : ' room-open'}${roomsShown ? ' rooms-shown' : ''}` },
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
      h(
        'ul',
        { className: 'rooms' },
        rooms.length === 0 && h('li', { className: 'muted' }, 'No rooms yet.'),
        rooms.map((room) =>
          h(
            'li',
            { key: room.id },
            h(
              'a',
              { href: `#/rooms/${room.id}`, 'aria-current': room.id === roomId ? 'page' : undefined, onClick: () => setRoomsShown(false) },
              h('span', { className: 'hash', 'aria-hidden': true }, '#'),
              room.name,
            ),
          ),
        ),
      ),
      h(
        'form',
        {
          className: 'side-form',
          onSubmit: (e) => {
            e.preventDefault();
            const name = newRoom;
            setNewRoom('');
            void act(() => chatApi.createRoom(name), 'Creating the room failed');
          },
        },
        h('label', { htmlFor: 'new-room' }, 'New room'),
        h('div', { className: 'row' }, h('input', { id: 'new-room', value: newRoom, placeholder: 'Room name', required: true, onChange: (e) => setNewRoom(e.target.value) }), h('button', { type: 'submit' }, 'Create')),
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
      error && h('p', { className: 'error', role: 'alert' }, error),
    ),
    h(
      'main',
      { className: 'main' },
      opened.kind === 'none' && h('div', { className: 'empty' }, h('p', null, 'Pick a room, create one, or paste a room link to join.')),
      opened.kind === 'refused' &&
        h(
          'div',
          { className: 'empty', role: 'alert' },
          h('p', { className: 'error' }, opened.message),
          opened.canJoin && h('button', { type: 'button', className: 'primary', onClick: () => void act(() => chatApi.joinRoom(opened.roomId), 'Joining the room failed') }, 'Join this room'),
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
          onAccessLost: () => {
            setOpened({ kind: 'refused', roomId: opened.room.id, message: ACCESS_LOST, canJoin: true });
            void loadRooms();
          },
        }),
    ),
  );
}
