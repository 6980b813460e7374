/// <reference lib="dom" />
/** My invitations to private rooms, each with Accept. */
import type { Invitation } from './api';
import { h } from '../shared/h';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function Invitations({ invitations, onAccept }: { invitations: readonly Invitation[]; onAccept: (invitation: Invitation) => void }) {
  if (invitations.length === 0) return null;
  return h(
    'section',
    { className: 'invitations', 'aria-labelledby': 'invitations-title' },
    h('h2', { id: 'invitations-title' }, 'Invitations'),
    h(
      'ul',
      null,
      invitations.map((invitation) =>
        h(
          'li',
          { key: invitation.roomId },
          h('span', null, h('strong', null, invitation.roomName), h('span', { className: 'muted' }, ` invited ${dateFormat.format(new Date(invitation.invitedAt))}`)),
          h('button', { type: 'button', 'aria-label': `Accept the invitation to ${invitation.roomName}`, onClick: () => onAccept(invitation) }, 'Accept'),
        ),
      ),
    ),
  );
}
