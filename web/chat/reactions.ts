/// <reference lib="dom" />
/**
 * A message's reactions: one toggle button per emoji someone used (pressed when it is mine),
 * and "Add reaction", which opens the API's 12 emoji as buttons (Escape closes it).
 */
import { useState } from 'react';
import { REACTION_EMOJI, type Message } from './api';
import { h } from '../shared/h';

export function Reactions({ message, onToggle }: { message: Message; onToggle: (emoji: string, mine: boolean) => void }) {
  const [picking, setPicking] = useState(false);
  const used = message.reactions.filter((r) => r.count > 0);
  return h(
    'div',
    { className: 'reactions', role: 'group', 'aria-label': 'Reactions' },
    used.map((r) =>
      h(
        'button',
        {
          key: r.emoji,
          type: 'button',
          className: `reaction${r.mine ? ' mine' : ''}`,
          'aria-pressed': r.mine,
          'aria-label': `${r.emoji} ${r.count}`,
          title: r.mine ? 'Take back your reaction' : `React with ${r.emoji}`,
          onClick: () => onToggle(r.emoji, r.mine),
        },
        h('span', { 'aria-hidden': true }, r.emoji),
        ' ',
        h('span', { className: 'count', 'aria-hidden': true }, r.count),
      ),
    ),
    h('button', { type: 'button', className: 'link add-reaction', 'aria-expanded': picking, onClick: () => setPicking((p) => !p) }, 'Add reaction'),
    picking &&
      h(
        'span',
        {
          className: 'picker',
          role: 'group',
          'aria-label': 'Pick a reaction',
          onKeyDown: (e) => {
            if (e.key === 'Escape') setPicking(false);
          },
        },
        REACTION_EMOJI.map((emoji, index) => {
          const mine = used.some((r) => r.emoji === emoji && r.mine);
          return h(
            'button',
            {
              key: emoji,
              type: 'button',
              autoFocus: index === 0,
              'aria-label': mine ? `Take back ${emoji}` : `React with ${emoji}`,
              onClick: () => {
                setPicking(false);
                onToggle(emoji, mine);
              },
            },
            emoji,
          );
        }),
      ),
  );
}
