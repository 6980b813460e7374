/// <reference lib="dom" />
/**
 * Inviting someone to a private room by their user id (the id the page shows each user as
 * "Your user id"; the API does not look names up in the user pool).
 */
import { useId, useState } from 'react';
import { chatApi } from './api';
import { isNotMember, plainError } from '../shared/errors';
import { h } from '../shared/h';

export function InviteForm({ roomId, roomName, onAccessLost }: { roomId: string; roomName: string; onAccessLost: () => void }) {
  const inputId = useId();
  const [userId, setUserId] = useState('');
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);

  async function invite() {
    const id = userId.trim();
    try {
      await chatApi.inviteMember(roomId, id);
      setUserId('');
      setResult({ ok: true, text: `Invited ${id} to ${roomName}: they can accept from their invitations.` });
    } catch (e) {
      if (isNotMember(e)) onAccessLost();
      setResult({ ok: false, text: plainError(e, 'Inviting failed') });
    }
  }

  return h(
    'form',
    {
      className: 'invite-form',
      onSubmit: (e) => {
        e.preventDefault();
        void invite();
      },
    },
    h('label', { htmlFor: inputId }, 'Invite by user id'),
    h('input', { id: inputId, value: userId, required: true, placeholder: 'User id', onChange: (e) => setUserId(e.target.value) }),
    h('button', { type: 'submit' }, 'Invite'),
    result && h('p', { className: result.ok ? 'notice' : 'error', role: result.ok ? 'status' : 'alert' }, result.text),
  );
}
