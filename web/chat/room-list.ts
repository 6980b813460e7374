/// <reference lib="dom" />
/** My rooms: each with its unread badge (a full count of 100 reads "99+") and last message. */
import type { MyRoom } from './api';
import { UNREAD_COUNT_CAP } from './limits';
import { h } from '../shared/h';

/** The badge's text: myRooms counts at most UNREAD_COUNT_CAP, which means "that many or more". */
export function unreadBadgeText(count: number): string {
  return count >= UNREAD_COUNT_CAP ? `${UNREAD_COUNT_CAP - 1}+` : String(count);
}

function lastMessageText(room: MyRoom): string | null {
  const last = room.lastMessage;
  if (!last) return null;
  return last.deleted ? `${last.sender}: message deleted` : `${last.sender}: ${last.content}`;
}

export function RoomList({ rooms, currentId, onPick }: { rooms: readonly MyRoom[]; currentId: string | null; onPick: () => void }) {
  return h(
    'ul',
    { className: 'rooms' },
    rooms.length === 0 && h('li', { className: 'muted' }, 'No rooms yet.'),
    rooms.map((room) => {
      const unread = room.id === currentId ? 0 : (room.unreadCount ?? 0);
      const last = lastMessageText(room);
      return h(
        'li',
        { key: room.id },
        h(
          'a',
          { href: `#/rooms/${room.id}`, 'aria-current': room.id === currentId ? 'page' : undefined, onClick: onPick },
          h(
            'span',
            { className: 'room-line' },
            h('span', { className: 'hash', 'aria-hidden': true }, room.visibility === 'PRIVATE' ? '🔒' : '#'),
            h('span', { className: 'room-name' }, room.name),
            room.visibility === 'PRIVATE' && h('span', { className: 'visually-hidden' }, ' (private)'),
            unread > 0 && h('span', { className: 'unread', 'aria-label': `${unreadBadgeText(unread)} unread` }, unreadBadgeText(unread)),
          ),
          last && h('span', { className: 'last-message' }, last),
        ),
      );
    }),
  );
}
