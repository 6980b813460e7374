/// <reference lib="dom" />
/**
 * Who is in a room: a heartbeat on entering and every HEARTBEAT_INTERVAL_MS, the room's live
 * presence list on entry, onPresence for arrivals and renewals. AppSync sends nothing when
 * someone leaves, so a person drops off once their heartbeat's expiresAt passes.
 */
import { useEffect, useRef, useState } from 'react';
import { chatApi, type Presence } from './api';
import { HEARTBEAT_INTERVAL_MS, PRESENCE_SWEEP_MS } from './limits';

function upsert(list: readonly Presence[], incoming: readonly Presence[]): Presence[] {
  const byUser = new Map(list.map((p) => [p.userId, p]));
  for (const p of incoming) {
    const known = byUser.get(p.userId);
    if (!known || p.expiresAt >= known.expiresAt) byUser.set(p.userId, p);
  }
  return [...byUser.values()].sort((a, b) => a.username.localeCompare(b.username));
}

const live = (list: readonly Presence[]) => list.filter((p) => p.expiresAt * 1000 > Date.now());

export function usePresence(roomId: string, generation: number, onError: (error: unknown) => void): Presence[] {
  const [here, setHere] = useState<Presence[]>([]);
  const errorRef = useRef(onError);
  errorRef.current = onError;

  useEffect(() => {
    return chatApi.watchPresence(
      roomId,
      (p) => setHere((list) => live(upsert(list, [p]))),
      (e) => errorRef.current(e),
    );
  }, [roomId, generation]);

  useEffect(() => {
    let open = true;
    setHere([]);
    // A heartbeat refused as too soon (the room re-entered within 5 s) still leaves us listed.
    const beat = () =>
      chatApi.heartbeat(roomId).then(
        (mine) => open && setHere((list) => live(upsert(list, [mine]))),
        () => undefined,
      );
    // Our own heartbeat first, so the list read next includes us.
    void beat().then(() =>
      chatApi.presence(roomId).then(
        (list) => open && setHere((known) => live(upsert(known, list))),
        (e: unknown) => open && errorRef.current(e),
      ),
    );
    const beating = setInterval(() => void beat(), HEARTBEAT_INTERVAL_MS);
    const sweeping = setInterval(() => setHere((list) => (live(list).length === list.length ? list : live(list))), PRESENCE_SWEEP_MS);
    return () => {
      open = false;
      clearInterval(beating);
      clearInterval(sweeping);
    };
  }, [roomId]);

  return here;
}
