/// <reference lib="dom" />
/**
 * The Admins' moderation view: open reports, newest first, a page at a time (listReports),
 * new ones added live from onReport; per report Remove (the workflow soft-deletes the message)
 * or Dismiss, with an optional note. A decided report leaves the list.
 */
import { useEffect, useState } from 'react';
import { chatApi, type Decision, type Report } from './api';
import { reportContext, type ReportContext } from './report-context';
import { resolveWithRetry } from './resolve-with-retry';
import { errorTypeOf, plainError } from '../shared/errors';
import { h } from '../shared/h';

/** README (Limits): a decision's note is at most 500 characters. */
export const DECISION_NOTE_MAX = 500;

const fullFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function newestFirst(reports: Report[]): Report[] {
  return [...reports].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
}

/** Adds reports not shown yet (an event and a page can carry the same one). */
function withReports(known: Report[], incoming: Report[]): Report[] {
  const ids = new Set(known.map((r) => r.id));
  return newestFirst([...known, ...incoming.filter((r) => r.status === 'OPEN' && !ids.has(r.id))]);
}

export function Moderation() {
  const [reports, setReports] = useState<Report[]>([]);
  const [nextToken, setNextToken] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  /** Decided here: kept out even if an older page lists them again. */
  const [decided, setDecided] = useState<ReadonlySet<string>>(new Set());

  // Subscribed before the first page is read, so a report made in between is not missed.
  useEffect(() => chatApi.watchReports((report) => setReports((known) => withReports(known, [report])), (e) => setError(plainError(e, 'Live reports stopped'))), []);

  async function load(token: string | null) {
    try {
      const page = await chatApi.listOpenReports(token);
      setReports((known) => withReports(known, page.items));
      setNextToken(page.nextToken);
      setError(null);
    } catch (e) {
      setError(plainError(e, 'Loading reports failed'));
    } finally {
      setLoading(false);
    }
  }
  useEffect(() => void load(null), []);

  function leave(report: Report, text: string) {
    setDecided((ids) => new Set(ids).add(report.id));
    setReports((known) => known.filter((r) => r.id !== report.id));
    setNotice(text);
  }

  const shown = reports.filter((r) => !decided.has(r.id));
  return h(
    'section',
    { className: 'moderation', 'aria-labelledby': 'moderation-title' },
    h('header', { className: 'room-header' }, h('h2', { id: 'moderation-title' }, 'Moderation'), h('p', { className: 'muted' }, 'Open reports, newest first. New reports appear here as they are made.')),
    error && h('p', { className: 'error', role: 'alert' }, error),
    notice && h('p', { className: 'notice', role: 'status' }, notice, ' ', h('button', { type: 'button', className: 'link', onClick: () => setNotice(null) }, 'Dismiss')),
    h(
      'ol',
      { className: 'reports', 'aria-label': 'Open reports' },
      loading && h('li', { className: 'muted' }, 'Loading…'),
      !loading && shown.length === 0 && h('li', { className: 'muted' }, 'No open reports.'),
      shown.map((report) => h(ReportItem, { key: report.id, report, onDecided: (text: string) => leave(report, text) })),
    ),
    nextToken && h('button', { type: 'button', className: 'link', onClick: () => void load(nextToken) }, 'More reports'),
  );
}

const DONE: Record<Decision, string> = { REMOVE: 'The message was removed.', DISMISS: 'The report was dismissed.' };

function ReportItem({ report, onDecided }: { report: Report; onDecided: (text: string) => void }) {
  const [context, setContext] = useState<ReportContext | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState<Decision | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    void reportContext(report).then((c) => current && setContext(c));
    return () => {
      current = false;
    };
  }, [report]);

  async function decide(decision: Decision) {
    setBusy(decision);
    try {
      await resolveWithRetry(report.id, decision, note.trim() ? note : null);
      onDecided(DONE[decision]);
    } catch (e) {
      // A Conflict that is not "not waiting yet": another Admin (or the timeout) decided first.
      if (errorTypeOf(e) === 'Conflict') return onDecided('That report was already decided.');
      setError(plainError(e, decision === 'REMOVE' ? 'Removing the message failed' : 'Dismissing the report failed'));
      setBusy(null);
    }
  }

  const created = new Date(report.createdAt);
  const room = context?.roomName ?? report.roomId;
  const message = context?.message;
  const noteId = `note-${report.id}`;
  return h(
    'li',
    { className: 'report', 'data-report-id': report.id, 'aria-label': `Report in ${room}` },
    h(
      'div',
      { className: 'meta' },
      h('span', { className: 'room-name' }, room),
      h('time', { dateTime: report.createdAt, title: report.createdAt }, fullFormat.format(created)),
    ),
    h(
      'blockquote',
      { className: 'reported-message' },
      !context
        ? h('span', { className: 'muted' }, 'Loading the message…')
        : message
          ? h('span', null, h('span', { className: 'sender' }, message.sender), ': ', message.deleted ? h('span', { className: 'muted' }, 'Message deleted') : h('span', { className: 'content' }, message.content))
          : h('span', { className: 'muted' }, context.unavailable, ' Message id ', h('code', null, report.messageId)),
    ),
    h('p', { className: 'reason' }, h('span', { className: 'label' }, 'Reason: '), report.reason),
    h('p', { className: 'reporter' }, 'Reported by ', context?.reporterName ?? h('code', null, report.reporterId)),
    h(
      'form',
      { className: 'decision', onSubmit: (e) => e.preventDefault() },
      h('label', { htmlFor: noteId }, 'Note (optional)'),
      h('input', { id: noteId, value: note, maxLength: DECISION_NOTE_MAX, onChange: (e) => setNote(e.target.value) }),
      h('button', { type: 'button', className: 'danger', disabled: busy !== null, onClick: () => void decide('REMOVE') }, busy === 'REMOVE' ? 'Removing…' : 'Remove'),
      h('button', { type: 'button', disabled: busy !== null, onClick: () => void decide('DISMISS') }, busy === 'DISMISS' ? 'Dismissing…' : 'Dismiss'),
    ),
    error && h('p', { className: 'error', role: 'alert' }, error),
  );
}
