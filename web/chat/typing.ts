/// <reference lib="dom" />
/**
 * Typing indicators for one room: `signalTyping` sends setTyping at most every
 * TYPING_SEND_INTERVAL_MS while the user types; the others' signals from onTyping are shown
 * until TYPING_SHOWN_MS after each one's last. Typing is best effort: a refused signal
 * (LimitExceeded, a network blip) is dropped.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { chatApi, type TypingEvent } from './api';
import { TYPING_SEND_INTERVAL_MS, TYPING_SHOWN_MS } from './limits';

export interface Typist {
  userId: string;
  username: string;
}

export function useTyping(roomId: string, generation: number, onError: (error: unknown) => void) {
  const [typists, setTypists] = useState<Typist[]>([]);
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());
  const lastSent = useRef(0);
  const errorRef = useRef(onError);
  errorRef.current = onError;

  const stopShowing = useCallback((userId: string) => {
    clearTimeout(timers.current.get(userId));
    timers.current.delete(userId);
    setTypists((list) => list.filter((t) => t.userId !== userId));
  }, []);

  useEffect(() => {
    const shown = timers.current;
    const stop = chatApi.watchTyping(
      roomId,
      (event: TypingEvent) => {
        clearTimeout(shown.get(event.userId));
        shown.set(
          event.userId,
          setTimeout(() => stopShowing(event.userId), TYPING_SHOWN_MS),
        );
        setTypists((list) => (list.some((t) => t.userId === event.userId) ? list : [...list, { userId: event.userId, username: event.username }]));
      },
      (e) => errorRef.current(e),
    );
    return stop;
  }, [roomId, generation, stopShowing]);

  // A room change or unmount forgets everyone's timers.
  useEffect(() => {
    const shown = timers.current;
    return () => {
      shown.forEach((timer) => clearTimeout(timer));
      shown.clear();
      setTypists([]);
    };
  }, [roomId]);

  const signalTyping = useCallback(() => {
    const now = Date.now();
    if (now - lastSent.current < TYPING_SEND_INTERVAL_MS) return;
    lastSent.current = now;
    chatApi.setTyping(roomId).catch(() => undefined);
  }, [roomId]);

  /** Their message arrived: they are no longer typing it. */
  const messageFrom = useCallback((userId: string) => timers.current.has(userId) && stopShowing(userId), [stopShowing]);

  return { typists, signalTyping, messageFrom };
}

/** "alice is typing…", "alice and bob are typing…", "3 people are typing…". */
export function typingSentence(typists: readonly Typist[]): string {
  const names = typists.map((t) => t.username);
  if (names.length === 0) return '';
  if (names.length === 1) return `${names[0]} is typing…`;
  if (names.length === 2) return `${names[0]} and ${names[1]} are typing…`;
  return `${names.length} people are typing…`;
}
