import { startHeartbeat } from '../../../local/realtime/heartbeat';
import { ManualTimers } from './support/manual-timers';

function setup() {
  const timers = new ManualTimers();
  const events: string[] = [];
  const heartbeat = startHeartbeat({ ping: () => events.push('ping'), onDead: () => events.push('dead') }, timers, 30000, 10000);
  return { timers, events, heartbeat };
}

describe('startHeartbeat', () => {
  it('pings every interval; a pong in time keeps the peer alive', () => {
    const { timers, events, heartbeat } = setup();
    expect(timers.scheduled('interval')).toEqual([30000]);
    for (let round = 0; round < 3; round += 1) {
      timers.fire('interval');
      expect(timers.scheduled('timeout')).toEqual([10000]);
      heartbeat.pong();
      expect(timers.scheduled('timeout')).toEqual([]);
    }
    expect(events).toEqual(['ping', 'ping', 'ping']);
  });

  it('a ping without a pong within the timeout declares the peer dead once, and stops', () => {
    const { timers, events } = setup();
    timers.fire('interval');
    timers.fire('timeout');
    expect(events).toEqual(['ping', 'dead']);
    expect(timers.pending.size).toBe(0);
  });

  it('sends one ping at a time: a tick while a pong is awaited sends none', () => {
    const { timers, events } = setup();
    timers.fire('interval');
    timers.fire('interval');
    expect(events).toEqual(['ping']);
    expect(timers.scheduled('timeout')).toEqual([10000]);
  });

  it('stop() clears every timer and nothing fires after it', () => {
    const { timers, events, heartbeat } = setup();
    timers.fire('interval');
    heartbeat.stop();
    expect(timers.pending.size).toBe(0);
    expect(events).toEqual(['ping']);
  });
});
