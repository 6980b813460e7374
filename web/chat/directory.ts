/// <reference lib="dom" />
/** The public rooms, newest first, a page at a time (listPublicRooms), each to open or join. */
import { useState } from 'react';
import { chatApi, type Room } from './api';
import { plainError } from '../shared/errors';
import { h } from '../shared/h';

export function Directory({ memberOf, onJoin, onOpen }: { memberOf: ReadonlySet<string>; onJoin: (room: Room) => void; onOpen: (room: Room) => void }) {
  const [shown, setShown] = useState(false);
  const [rooms, setRooms] = useState<Room[]>([]);
  const [nextToken, setNextToken] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function load(token: string | null) {
    try {
      const page = await chatApi.listPublicRooms(token);
      setRooms((known) => (token ? [...known, ...page.items.filter((r) => !known.some((k) => k.id === r.id))] : page.items));
      setNextToken(page.nextToken);
      setError(null);
    } catch (e) {
      setError(plainError(e, 'Loading public rooms failed'));
    }
  }

  return h(
    'section',
    { className: 'directory' },
    h(
      'button',
      {
        type: 'button',
        'aria-expanded': shown,
        'aria-controls': 'public-rooms',
        onClick: () => {
          if (!shown) void load(null);
          setShown(!shown);
        },
      },
      // Not "… rooms": the phone layout's toggle is the page's one button named Rooms.
      shown ? 'Hide the public room directory' : 'Public room directory',
    ),
    shown &&
      h(
        'div',
        { id: 'public-rooms' },
        h(
          'ul',
          { className: 'public-rooms', 'aria-label': 'Public rooms' },
          rooms.length === 0 && !error && h('li', { className: 'muted' }, 'No public rooms yet.'),
          rooms.map((room) =>
            h(
              'li',
              { key: room.id },
              h('span', { className: 'room-name' }, room.name),
              memberOf.has(room.id)
                ? h('button', { type: 'button', 'aria-label': `Open ${room.name}`, onClick: () => onOpen(room) }, 'Open')
                : h('button', { type: 'button', 'aria-label': `Join ${room.name}`, onClick: () => onJoin(room) }, 'Join'),
            ),
          ),
        ),
        nextToken && h('button', { type: 'button', className: 'link', onClick: () => void load(nextToken) }, 'More public rooms'),
        error && h('p', { className: 'error', role: 'alert' }, error),
      ),
  );
}
