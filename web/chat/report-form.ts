/// <reference lib="dom" />
/**
 * "Report" on someone else's message: a small form asking why (reportMessage, 1 to 500
 * characters), usable from the keyboard (the reason gets the focus, Enter sends, Escape closes).
 * A second report of the same message is refused by the API (Conflict): "already reported".
 */
import { useState } from 'react';
import { chatApi, type Message } from './api';
import { errorTypeOf, plainError } from '../shared/errors';
import { h } from '../shared/h';

/** README (Limits): a report's reason is 1 to 500 characters. */
export const REPORT_REASON_MAX = 500;

export const ALREADY_REPORTED = 'You have already reported this message.';
export const REPORT_SENT = 'Reported. An Admin will review it.';

type State = { kind: 'closed' } | { kind: 'open'; error: string | null } | { kind: 'done'; text: string };

export function ReportAction({ message }: { message: Message }) {
  const [state, setState] = useState<State>({ kind: 'closed' });
  const [reason, setReason] = useState('');
  const [sending, setSending] = useState(false);
  const formId = `report-${message.id}`;

  async function send() {
    if (sending) return;
    setSending(true);
    try {
      await chatApi.reportMessage(message.roomId, message.id, reason);
      setReason('');
      setState({ kind: 'done', text: REPORT_SENT });
    } catch (e) {
      // Conflict is the once-per-user-and-message rule: nothing to retry, say so and close.
      if (errorTypeOf(e) === 'Conflict') setState({ kind: 'done', text: ALREADY_REPORTED });
      else setState({ kind: 'open', error: plainError(e, 'Reporting failed') });
    } finally {
      setSending(false);
    }
  }

  if (state.kind === 'done')
    return h(
      'span',
      { className: 'report-result', role: 'status' },
      state.text,
      ' ',
      h('button', { type: 'button', className: 'link', onClick: () => setState({ kind: 'open', error: null }) }, 'Report again'),
    );
  if (state.kind === 'closed')
    return h('button', { type: 'button', className: 'link', 'aria-expanded': false, 'aria-controls': formId, onClick: () => setState({ kind: 'open', error: null }) }, 'Report');
  return h(
    'form',
    {
      id: formId,
      className: 'report-form',
      'aria-label': `Report ${message.sender}'s message`,
      onSubmit: (e) => {
        e.preventDefault();
        void send();
      },
      onKeyDown: (e) => e.key === 'Escape' && setState({ kind: 'closed' }),
    },
    h('label', { htmlFor: `${formId}-reason` }, 'Why are you reporting this message?'),
    h('input', {
      id: `${formId}-reason`,
      value: reason,
      autoFocus: true,
      maxLength: REPORT_REASON_MAX,
      placeholder: 'Reason (up to 500 characters)',
      onChange: (e) => setReason(e.target.value),
    }),
    h('button', { type: 'submit', className: 'primary', disabled: sending }, 'Send report'),
    h('button', { type: 'button', onClick: () => setState({ kind: 'closed' }) }, 'Cancel'),
    state.error && h('p', { className: 'error', role: 'alert' }, state.error),
  );
}
