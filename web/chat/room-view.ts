/// <reference lib="dom" />
/**
 * One open room: history with "load older", live messages and changes, the composer (Enter
 * sends, Shift+Enter is a new line), pending sends with retry, edit and delete, reactions,
 * who is here and who is typing, read state (markRead as messages are shown, a "new messages"
 * divider after the marker the room had when opened), invitations to a private room and reports
 * of others' messages.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { chatApi, type Message, type Room } from './api';
import { InviteForm } from './invite-form';
import { usePresence } from './presence';
import { Reactions } from './reactions';
import { ReportAction } from './report-form';
import { typingSentence, useTyping } from './typing';
import type { ConnectionView } from './connection';
import { MAX_CATCH_UP_PAGES, COMPOSER_MAX_ROWS, RESUBSCRIBE_FIRST_DELAY_MS, RESUBSCRIBE_MAX_DELAY_MS } from './limits';
import type { SignedInUser } from './session';
import { addPending, emptyTimeline, failPending, mergeEvents, mergeMessages, newClientMessageId, settlePending, sortedMessages, type PendingSend, type Timeline } from './timeline';
import { isNotMember, plainError } from '../shared/errors';
import { h } from '../shared/h';

type HistoryPage = Awaited<ReturnType<typeof chatApi.listMessages>>;

interface RoomViewProps {
  room: Room;
  user: SignedInUser;
  connection: ConnectionView;
  onLeave: () => void;
  /** The API says the caller is no longer a member (removed by an Admin, or left elsewhere). */
  onAccessLost: () => void;
  /** The caller's read marker when the room was opened; undefined while my rooms are loading. */
  readMarkerAtOpen: string | null | undefined;
  /** markRead stored `message` (the newest shown) as read. */
  onRead: (message: Message) => void;
}

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const fullFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

export function RoomView({ room, user, connection, onLeave, onAccessLost, readMarkerAtOpen, onRead }: RoomViewProps) {
  const [timeline, setTimeline] = useState<Timeline>(emptyTimeline);
  /** Bumped to subscribe again (the page's own reconnect, or "Reconnect now"). */
  const [generation, setGeneration] = useState(0);
  const resubscribeAttempts = useRef(0);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  /** The live region's text: what arrived from others, read out by screen readers. */
  const [announcement, setAnnouncement] = useState('');
  const listRef = useRef<HTMLOListElement>(null);
  const stickToBottom = useRef(true);
  const wasDisrupted = useRef(false);
  const timelineRef = useRef(timeline);
  timelineRef.current = timeline;
  const accessLostRef = useRef(onAccessLost);
  accessLostRef.current = onAccessLost;

  /** A refusal as non-member ends the room view; anything else is shown as `what` failed. */
  function failed(e: unknown, what: string): string {
    if (isNotMember(e)) accessLostRef.current();
    return plainError(e, what);
  }

  /** A live subscription failed (the room's messages, typing or presence). */
  function liveFailed(e: unknown) {
    if (isNotMember(e)) return accessLostRef.current();
    setError(plainError(e, 'Live updates stopped'));
  }
  const typing = useTyping(room.id, generation, liveFailed);
  const here = usePresence(room.id, generation, liveFailed);
  const messageFromRef = useRef(typing.messageFrom);
  messageFromRef.current = typing.messageFrom;

  // The divider sits after the marker the room had when it was opened, not the one markRead moves.
  const [dividerAfter, setDividerAfter] = useState<string | null | undefined>(undefined);
  if (dividerAfter === undefined && readMarkerAtOpen !== undefined) setDividerAfter(readMarkerAtOpen);
  const onReadRef = useRef(onRead);
  onReadRef.current = onRead;
  const markedUpTo = useRef('');

  useEffect(() => {
    let open = true;
    const stop = chatApi.watchRoom(
      room.id,
      (message) => {
        const known = timelineRef.current.messages.get(message.id);
        const said = message.senderId === user.userId ? null : announcementOf(message, known);
        if (said) setAnnouncement(said);
        if (!known) messageFromRef.current(message.senderId);
        setTimeline((t) => mergeEvents(t, [message]));
      },
      (e) => open && liveFailed(e),
    );
    return () => {
      open = false;
      stop();
    };
  }, [room.id, generation, user.userId]);

  useEffect(() => {
    let open = true;
    setTimeline(emptyTimeline);
    setLoading(true);
    setError(null);
    stickToBottom.current = true;
    chatApi.listMessages(room.id, null).then(
      (page) => {
        if (!open) return;
        setTimeline((t) => ({ ...mergeMessages(t, page.items), olderToken: page.nextToken }));
        setLoading(false);
      },
      (e) => {
        if (!open) return;
        setError(failed(e, 'Loading messages failed'));
        setLoading(false);
      },
    );
    return () => {
      open = false;
    };
  }, [room.id]);

  // Amplify retries a lost socket 5 s after the loss and then once a minute; the page does not
  // make a person wait that long: while the connection is down it subscribes again itself,
  // sooner at first, then at most every RESUBSCRIBE_MAX_DELAY_MS.
  useEffect(() => {
    if (connection === 'live') resubscribeAttempts.current = 0;
    if (connection !== 'reconnecting' && connection !== 'offline') return;
    const delay = Math.min(RESUBSCRIBE_MAX_DELAY_MS, RESUBSCRIBE_FIRST_DELAY_MS * 2 ** resubscribeAttempts.current);
    const timer = setTimeout(() => {
      resubscribeAttempts.current += 1;
      setGeneration((g) => g + 1);
    }, delay);
    return () => clearTimeout(timer);
  }, [connection, generation]);

  // The network is back (a laptop waking up): try at once rather than at the next backoff step.
  useEffect(() => {
    const onOnline = () => {
      resubscribeAttempts.current = 0;
      setGeneration((g) => g + 1);
    };
    addEventListener('online', onOnline);
    return () => removeEventListener('online', onOnline);
  }, []);

  // Back to a tab that was hidden: make sure the room still answers (a removal sends nothing).
  useEffect(() => {
    const onVisible = () => {
      if (document.visibilityState !== 'visible') return;
      chatApi.getRoom(room.id).catch((e: unknown) => isNotMember(e) && accessLostRef.current());
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [room.id]);

  // After a disruption the socket comes back without what was sent meanwhile: read history
  // back from the newest page until a message this page already has.
  useEffect(() => {
    if (connection === 'reconnecting' || connection === 'offline') wasDisrupted.current = true;
    if (connection !== 'live' || !wasDisrupted.current) return;
    wasDisrupted.current = false;
    void (async () => {
      let token: string | null = null;
      for (let page = 0; page < MAX_CATCH_UP_PAGES; page += 1) {
        const result: HistoryPage | null = await chatApi.listMessages(room.id, token).catch((e: unknown) => {
          if (isNotMember(e)) accessLostRef.current();
          return null;
        });
        if (!result) return;
        const known = result.items.some((m) => timelineRef.current.messages.has(m.id));
        setTimeline((t) => mergeMessages(t, result.items));
        if (known || !result.nextToken) return;
        token = result.nextToken;
      }
    })();
  }, [connection, room.id]);

  // Shown is read (own messages too): mark the newest stored message once the marker at opening
  // is known (so the divider keeps it) and while the page is in view.
  const newest = sortedMessages(timeline).at(-1);
  const [visible, setVisible] = useState(() => document.visibilityState === 'visible');
  useEffect(() => {
    const onVisibility = () => setVisible(document.visibilityState === 'visible');
    document.addEventListener('visibilitychange', onVisibility);
    return () => document.removeEventListener('visibilitychange', onVisibility);
  }, []);
  useEffect(() => {
    if (!newest || dividerAfter === undefined || !visible || newest.id <= markedUpTo.current) return;
    markedUpTo.current = newest.id;
    chatApi.markRead(room.id, newest.id).then(
      () => onReadRef.current(newest),
      (e: unknown) => {
        markedUpTo.current = '';
        if (isNotMember(e)) accessLostRef.current();
      },
    );
  }, [newest, dividerAfter, visible, room.id]);

  // Newest at the bottom: follow new messages while the reader is at the bottom.
  useLayoutEffect(() => {
    const list = listRef.current;
    if (list && stickToBottom.current) list.scrollTop = list.scrollHeight;
  }, [timeline]);

  async function loadOlder() {
    const list = listRef.current;
    const fromBottom = list ? list.scrollHeight - list.scrollTop : 0;
    try {
      const page = await chatApi.listMessages(room.id, timeline.olderToken);
      stickToBottom.current = false;
      setTimeline((t) => ({ ...mergeMessages(t, page.items), olderToken: page.nextToken }));
      requestAnimationFrame(() => {
        if (list) list.scrollTop = list.scrollHeight - fromBottom;
      });
    } catch (e) {
      setError(failed(e, 'Loading older messages failed'));
    }
  }

  async function send(content: string, clientMessageId = newClientMessageId()) {
    stickToBottom.current = true;
    setTimeline((t) => addPending(t, { clientMessageId, content, status: 'sending' }));
    try {
      const stored = await chatApi.sendMessage(room.id, content, clientMessageId);
      setTimeline((t) => settlePending(t, clientMessageId, stored));
    } catch (e) {
      setTimeline((t) => failPending(t, clientMessageId, failed(e, 'Not sent')));
    }
  }

  async function change(action: () => Promise<Message>, what: string) {
    try {
      const changed = await action();
      setTimeline((t) => mergeMessages(t, [changed]));
    } catch (e) {
      setError(failed(e, what));
    }
  }

  async function removeSender(message: Message) {
    try {
      await chatApi.removeMember(room.id, message.senderId);
      setError(null);
      setNotice(`${message.sender} was removed from ${room.name} and cannot join again until an Admin unbans them.`);
    } catch (e) {
      setError(failed(e, `Removing ${message.sender} failed`));
    }
  }

  async function leave() {
    try {
      await chatApi.leaveRoom(room.id);
      onLeave();
    } catch (e) {
      setError(plainError(e, 'Leaving the room failed'));
    }
  }

  function toggleReaction(message: Message, emoji: string, mine: boolean) {
    return change(() => (mine ? chatApi.unreact : chatApi.react)(room.id, message.id, emoji), mine ? 'Taking back the reaction failed' : 'Reacting failed');
  }

  const shareLink = `${location.origin}${location.pathname}#/rooms/${room.id}`;
  const shown = sortedMessages(timeline);
  // The first message after the marker, if the marker is not the newest one.
  const firstUnread = dividerAfter ? shown.find((m) => m.id > dividerAfter)?.id : undefined;
  const typingText = typingSentence(typing.typists);
  return h(
    'section',
    { className: 'room', 'aria-labelledby': 'room-title' },
    h(
      'header',
      { className: 'room-header' },
      h(
        'div',
        null,
        h('h2', { id: 'room-title' }, room.name, room.visibility === 'PRIVATE' && h('span', { className: 'private-tag' }, 'Private')),
        h('p', { className: 'room-id' }, 'Room id ', h('code', null, room.id)),
        h(
          'p',
          { className: 'presence', 'aria-label': `Here now: ${here.map((p) => p.username).join(', ') || 'nobody'}` },
          h('span', { className: 'presence-dot', 'aria-hidden': true }),
          'Here now: ',
          here.length === 0 ? '…' : here.map((p, i) => h('span', { key: p.userId, className: 'present' }, i > 0 ? ', ' : '', p.username)),
        ),
      ),
      h(
        'div',
        { className: 'room-actions' },
        h('button', { type: 'button', onClick: () => void navigator.clipboard?.writeText(shareLink), title: shareLink }, 'Copy link'),
        h('button', { type: 'button', onClick: () => void leave() }, 'Leave'),
      ),
    ),
    room.visibility === 'PRIVATE' && h(InviteForm, { roomId: room.id, roomName: room.name, onAccessLost: () => accessLostRef.current() }),
    (connection === 'reconnecting' || connection === 'offline') &&
      h(
        'p',
        { className: 'connection-notice' },
        connection === 'offline' ? 'Offline: live messages are paused. ' : 'Connection lost: reconnecting, and anything sent meanwhile will be loaded. ',
        h('button', { type: 'button', className: 'link', onClick: () => setGeneration((g) => g + 1) }, 'Reconnect now'),
      ),
    error && h('p', { className: 'error', role: 'alert' }, error, ' ', h('button', { type: 'button', className: 'link', onClick: () => setError(null) }, 'Dismiss')),
    notice && h('p', { className: 'notice', role: 'status' }, notice, ' ', h('button', { type: 'button', className: 'link', onClick: () => setNotice(null) }, 'Dismiss')),
    h('p', { className: 'visually-hidden', role: 'status', 'aria-live': 'polite', 'aria-atomic': true }, announcement),
    h(
      'ol',
      {
        ref: listRef,
        className: 'messages',
        'aria-label': `Messages in ${room.name}`,
        tabIndex: 0,
        onScroll: (e) => {
          const list = e.currentTarget;
          stickToBottom.current = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
        },
      },
      timeline.olderToken && h('li', { className: 'older' }, h('button', { type: 'button', onClick: () => void loadOlder() }, 'Load older messages')),
      loading && h('li', { className: 'muted' }, 'Loading…'),
      !loading && timeline.messages.size === 0 && timeline.pending.length === 0 && h('li', { className: 'muted' }, 'No messages yet. Say hello!'),
      shown.flatMap((message) => [
        message.id === firstUnread && h('li', { key: 'new-messages', className: 'new-divider', role: 'separator', 'aria-label': 'New messages' }, h('span', null, 'New messages')),
        h(MessageItem, {
          key: message.id,
          message,
          own: message.senderId === user.userId,
          isAdmin: user.isAdmin,
          onEdit: (content) => change(() => chatApi.editMessage(room.id, message.id, content), 'Editing failed'),
          onDelete: () => change(() => chatApi.deleteMessage(room.id, message.id), 'Deleting failed'),
          onRemoveSender: () => void removeSender(message),
          onReact: (emoji, mine) => void toggleReaction(message, emoji, mine),
        }),
      ]),
      timeline.pending.map((pending) => h(PendingItem, { key: pending.clientMessageId, pending, user, onRetry: () => void send(pending.content, pending.clientMessageId) })),
    ),
    h('p', { className: 'typing', 'aria-live': 'off' }, typingText),
    h(Composer, { roomName: room.name, onSend: (content) => void send(content), onTyping: typing.signalTyping }),
  );
}

/** The sender's initial on a colour of their own (from their id, so it is stable). */
function Avatar({ name, id }: { name: string; id: string }) {
  let hash = 0;
  for (const char of id) hash = (hash * 31 + char.charCodeAt(0)) % 360;
  return h('span', { className: 'avatar', 'aria-hidden': true, style: { background: `hsl(${hash} 55% 45%)` } }, name.charAt(0).toUpperCase());
}

/** One sentence for the live region about a message from someone else. */
function announcementOf(message: Message, known: Message | undefined): string | null {
  // The same state again (delivered twice while resubscribing): nothing new to say.
  if (known && known.deleted === message.deleted && known.editedAt === message.editedAt) return null;
  if (message.deleted) return `${message.sender} deleted a message.`;
  if (known) return `${message.sender} edited a message: ${message.content}`;
  return `${message.sender}: ${message.content}`;
}

function MessageItem(props: {
  message: Message;
  own: boolean;
  isAdmin: boolean;
  onEdit: (content: string) => Promise<void>;
  onDelete: () => Promise<void>;
  onRemoveSender: () => void;
  onReact: (emoji: string, mine: boolean) => void;
}) {
  const { message, own, isAdmin } = props;
  const [editing, setEditing] = useState(false);
  const [confirmingRemoval, setConfirmingRemoval] = useState(false);
  const [draft, setDraft] = useState(message.content);
  const created = new Date(message.createdAt);
  const save = async () => {
    const content = draft.trim();
    if (content && content !== message.content) await props.onEdit(content);
    setEditing(false);
  };
  return h(
    'li',
    { className: `message${own ? ' own' : ''}${message.deleted ? ' deleted' : ''}`, 'data-message-id': message.id },
    !own && h(Avatar, { name: message.sender, id: message.senderId }),
    h(
      'div',
      { className: 'meta' },
      h('span', { className: 'sender' }, message.sender),
      h('time', { dateTime: message.createdAt, title: fullFormat.format(created) }, timeFormat.format(created)),
      message.editedAt && !message.deleted && h('span', { className: 'tag' }, 'edited'),
    ),
    message.deleted
      ? h('p', { className: 'content muted' }, 'Message deleted')
      : editing
        ? h(
            'form',
            {
              className: 'edit',
              onSubmit: (e) => {
                e.preventDefault();
                void save();
              },
            },
            h('label', { className: 'visually-hidden', htmlFor: `edit-${message.id}` }, 'Edit message'),
            h('textarea', {
              id: `edit-${message.id}`,
              value: draft,
              autoFocus: true,
              rows: 2,
              onChange: (e) => setDraft((e.target as HTMLTextAreaElement).value),
              onKeyDown: (e) => {
                if (e.key === 'Escape') setEditing(false);
                if (e.key === 'Enter' && !e.shiftKey) {
                  e.preventDefault();
                  void save();
                }
              },
            }),
            h('button', { type: 'submit', className: 'primary' }, 'Save'),
            h('button', { type: 'button', onClick: () => setEditing(false) }, 'Cancel'),
          )
        : h('p', { className: 'content' }, message.content),
    !message.deleted && !editing && h(Reactions, { message, onToggle: props.onReact }),
    !message.deleted &&
      !editing &&
      h(
        'div',
        { className: 'message-actions' },
        own &&
          h(
            'button',
            {
              type: 'button',
              className: 'link',
              onClick: () => {
                setDraft(message.content);
                setEditing(true);
              },
            },
            'Edit',
          ),
        (own || isAdmin) && h('button', { type: 'button', className: 'link', onClick: () => void props.onDelete() }, 'Delete'),
        // Anyone may report someone else's message to the moderators.
        !own && h(ReportAction, { message }),
        !own && isAdmin && !confirmingRemoval && h('button', { type: 'button', className: 'link', onClick: () => setConfirmingRemoval(true) }, `Remove ${message.sender} from room`),
        // Removing bans the user from the room, so it takes a second, explicit press.
        confirmingRemoval &&
          h(
            'span',
            { className: 'confirm', role: 'group', 'aria-label': `Remove ${message.sender}?` },
            `Remove ${message.sender} and ban them from this room? `,
            h(
              'button',
              {
                type: 'button',
                className: 'link danger',
                autoFocus: true,
                onClick: () => {
                  setConfirmingRemoval(false);
                  props.onRemoveSender();
                },
              },
              `Yes, remove ${message.sender}`,
            ),
            h('button', { type: 'button', className: 'link', onClick: () => setConfirmingRemoval(false) }, 'Cancel'),
          ),
      ),
  );
}

function PendingItem({ pending, user, onRetry }: { pending: PendingSend; user: SignedInUser; onRetry: () => void }) {
  return h(
    'li',
    { className: `message own pending ${pending.status}`, 'data-client-message-id': pending.clientMessageId },
    h('div', { className: 'meta' }, h('span', { className: 'sender' }, user.username), h('span', { className: 'tag' }, pending.status === 'sending' ? 'sending…' : 'not sent')),
    h('p', { className: 'content' }, pending.content),
    pending.status === 'failed' &&
      h('div', { className: 'message-actions' }, h('span', { className: 'error-text' }, pending.error), h('button', { type: 'button', className: 'link', onClick: onRetry }, 'Retry')),
  );
}

function Composer({ roomName, onSend, onTyping }: { roomName: string; onSend: (content: string) => void; onTyping: () => void }) {
  const [draft, setDraft] = useState('');
  const submit = () => {
    if (!draft.trim()) return;
    onSend(draft);
    setDraft('');
  };
  const rows = Math.min(COMPOSER_MAX_ROWS, Math.max(1, draft.split('\n').length));
  return h(
    'form',
    {
      className: 'composer',
      onSubmit: (e) => {
        e.preventDefault();
        submit();
      },
    },
    h('label', { className: 'visually-hidden', htmlFor: 'composer' }, `Message ${roomName}`),
    h('textarea', {
      id: 'composer',
      value: draft,
      // Opening a room puts the cursor where a person types next.
      autoFocus: true,
      rows,
      placeholder: `Message ${roomName}`,
      'aria-describedby': 'composer-hint',
      onChange: (e) => {
        const value = (e.target as HTMLTextAreaElement).value;
        setDraft(value);
        if (value.trim()) onTyping();
      },
      onKeyDown: (e) => {
        if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
          e.preventDefault();
          submit();
        }
      },
    }),
    h('button', { type: 'submit', className: 'primary' }, 'Send'),
    h('p', { id: 'composer-hint', className: 'composer-hint' }, 'Enter sends, Shift+Enter starts a new line'),
  );
}
