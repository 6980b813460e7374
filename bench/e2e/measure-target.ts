/**
 * Runs every case against one running target: for each group of subscribers (N in one room, the
 * many-rooms layout), forks subscriber processes, connects and subscribes them (timed), then runs
 * the patterns `runs` times each from a sender process, watching the server's processes.
 */
import { monotonicMs } from './clock';
import { heldMemory, type HeldMemory } from './held-memory';
import type { BenchConfig, CaseSelection } from './config';
import { analyseRun, type RunFigures } from './analyse-run';
import type { Population } from './population';
import { rssMiB, watchProcesses, type ProcessFigures } from './proc-stats';
import type { LoadPattern, SenderPlan, SocketPlan, SubscriberCommand, SubscriberReply, SubscriptionRecord } from './protocol';
import type { RunningTarget } from './targets';
import { forkSenderWorker, forkSubscriberWorker, type Worker } from './workers';

export interface CaseResult {
  caseId: string;
  runs: RunFigures[];
  processes: Array<Record<string, ProcessFigures>>;
}

export interface GroupSetup {
  groupId: string;
  sockets: number;
  connectMs: number;
  connectFailures: string[];
  /** Growth of the server's Node RSS per idle subscribed socket, KiB. */
  idleKiBPerSocket: number;
  /** Growth of the server's JS heap + external memory after a full collection, per idle socket, KiB (idle group only). */
  heldKiBPerSocket?: number;
}

export interface TargetResult {
  target: string;
  startupMs: number;
  restartWithDataMs?: number;
  groups: GroupSetup[];
  cases: CaseResult[];
}

/** How long the sockets sit idle before the server's RSS is read again. */
const IDLE_SETTLE_MS = 1000;

type SubscriberWorker = Worker<SubscriberCommand, SubscriberReply>;

export interface SubscriberGroup {
  workers: SubscriberWorker[];
  /** Subscriptions per room. */
  perRoom: Map<string, number>;
  setup: GroupSetup;
}

function oneRoomSockets(population: Population, n: number): SocketPlan[] {
  return Array.from({ length: n }, (_, k) => ({ subscriptionId: `one-${k}`, token: (population.readers[k % population.readers.length] as { token: string }).token, roomId: population.oneRoom }));
}

function manyRoomSockets(population: Population, perRoom: number): SocketPlan[] {
  return population.manyRooms.flatMap((roomId, r) =>
    Array.from({ length: perRoom }, (_, j) => ({ subscriptionId: `many-${r}-${j}`, token: (population.readers[j % population.readers.length] as { token: string }).token, roomId })),
  );
}

export async function connectSubscriberGroup(target: RunningTarget, groupId: string, plans: SocketPlan[], config: BenchConfig, options: { heldMemory?: boolean } = {}): Promise<SubscriberGroup> {
  const workerCount = plans.length >= 100 ? 2 : 1;
  const workers = Array.from({ length: workerCount }, forkSubscriberWorker);
  // Forking costs a tsx start-up; it is not part of the connection time.
  await Promise.all(workers.map((w) => w.ask({ type: 'count' })));
  const heldBefore = options.heldMemory ? await heldMemory(target.inspectorPort) : null;
  const rssBefore = rssMiB(target.pids.node);
  const started = monotonicMs();
  const replies = await Promise.all(
    workers.map((worker, w) => worker.ask({ type: 'connect', endpoint: target.endpoint, sockets: plans.filter((_, i) => i % workerCount === w), width: config.connectWidth })),
  );
  const connectMs = monotonicMs() - started;
  // Idle for a moment, so the figure is of sockets held rather than of the handshakes' garbage.
  await new Promise((resolve) => setTimeout(resolve, IDLE_SETTLE_MS));
  const heldAfter = options.heldMemory ? await heldMemory(target.inspectorPort) : null;
  const rssAfter = rssMiB(target.pids.node);
  const perRoom = new Map<string, number>();
  for (const plan of plans) perRoom.set(plan.roomId, (perRoom.get(plan.roomId) ?? 0) + 1);
  const failures = replies.flatMap((r) => (r.type === 'connected' ? r.failures : []));
  return {
    workers,
    perRoom,
    setup: {
      groupId,
      sockets: plans.length,
      connectMs,
      connectFailures: failures.slice(0, 5),
      idleKiBPerSocket: ((rssAfter - rssBefore) * 1024) / plans.length,
      ...(heldBefore && heldAfter ? { heldKiBPerSocket: perSocketKiB(heldBefore, heldAfter, plans.length) } : {}),
    },
  };
}

function perSocketKiB(before: HeldMemory, after: HeldMemory, sockets: number): number {
  return ((after.heldMiB - before.heldMiB) * 1024) / sockets;
}

export async function closeSubscriberGroup(group: SubscriberGroup): Promise<void> {
  await Promise.all(group.workers.map((w) => w.ask({ type: 'close' }).catch(() => undefined)));
  await Promise.all(group.workers.map((w) => w.kill()));
}

async function countReceived(group: SubscriberGroup): Promise<number> {
  const replies = await Promise.all(group.workers.map((w) => w.ask({ type: 'count' })));
  return replies.reduce((sum, r) => sum + (r.type === 'count' ? r.received : 0), 0);
}

/** Waits until `expected` frames arrived, or none arrived for graceMs; returns when the last did. */
async function awaitDeliveries(group: SubscriberGroup, expected: number, graceMs: number): Promise<number> {
  let last = -1;
  let lastChangeAt = monotonicMs();
  for (;;) {
    const received = await countReceived(group);
    const now = monotonicMs();
    if (received !== last) {
      last = received;
      lastChangeAt = now;
    }
    if (received >= expected) return now;
    if (now - lastChangeAt > graceMs) return lastChangeAt;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export async function measureOnce(
  target: RunningTarget,
  sender: ReturnType<typeof forkSenderWorker>,
  group: SubscriberGroup,
  senders: SenderPlan[],
  pattern: LoadPattern,
  config: BenchConfig,
): Promise<{ figures: RunFigures; processes: Record<string, ProcessFigures> }> {
  const pids: Record<string, number> = { node: target.pids.node, ...(target.pids.jvm ? { jvm: target.pids.jvm } : {}) };
  const watch = watchProcesses(pids);
  const sent = await sender.ask({ type: 'run', endpoint: target.endpoint, senders, pattern });
  const expected = sent.sends.filter((s) => s.ackAtMs !== null).reduce((sum, s) => sum + (group.perRoom.get(s.roomId) ?? 0), 0);
  const deliveredAt = await awaitDeliveries(group, expected, config.deliveryGraceMs);
  const processes = watch.stop();
  const collected = await Promise.all(group.workers.map((w) => w.ask({ type: 'collect' })));
  const subscriptions: SubscriptionRecord[] = collected.flatMap((r) => (r.type === 'collected' ? r.subscriptions : []));
  return { figures: analyseRun(sent, subscriptions, deliveredAt), processes };
}

/** Sender i sends to the rooms in turn, starting at its own offset, so the rooms share the load. */
export function senderPlans(population: Population, roomIds: string[]): SenderPlan[] {
  return population.senders.map((user, i) => {
    const offset = Math.floor((i * roomIds.length) / population.senders.length);
    return { tag: `m${i}`, token: user.token, roomIds: [...roomIds.slice(offset), ...roomIds.slice(0, offset)] };
  });
}

/** One line of the progress log per run. */
function runLine(target: RunningTarget, caseId: string, run: number, figures: RunFigures): string {
  return `${target.name} ${caseId} run ${run + 1}: ${Math.round(figures.acceptedPerSecond)} msg/s, ${Math.round(figures.deliveriesPerSecond)} deliveries/s, p99 ${figures.latencyMs.p99.toFixed(1)} ms, lost ${figures.lost}, dup ${figures.duplicated}, ooo ${figures.outOfOrder}, unexpected ${figures.unexpected}${figures.refused ? `, refused ${figures.refused} (${figures.firstRefusal?.slice(0, 120)})` : ''}`;
}

/** Senders tag their clientMessageIds per run, so no two runs of a target send the same id. */
function runTagger(): (plans: SenderPlan[]) => SenderPlan[] {
  let runNumber = 0;
  return (plans) => {
    runNumber++;
    return plans.map((p) => ({ ...p, tag: `${p.tag}r${runNumber}` }));
  };
}

export async function measureTarget(target: RunningTarget, population: Population, config: BenchConfig, log: (line: string) => void): Promise<TargetResult> {
  const sender = forkSenderWorker();
  // Groups still connected, closed in the finally below when a case throws.
  const open = new Set<SubscriberGroup>();
  const connectGroup = async (...args: Parameters<typeof connectSubscriberGroup>): Promise<SubscriberGroup> => {
    const group = await connectSubscriberGroup(...args);
    open.add(group);
    return group;
  };
  const closeGroup = async (group: SubscriberGroup): Promise<void> => {
    open.delete(group);
    await closeSubscriberGroup(group);
  };
  const result: TargetResult = { target: target.name, startupMs: target.startupMs, groups: [], cases: [] };
  const tagged = runTagger();
  const runCase = async (caseId: string, group: SubscriberGroup, plans: SenderPlan[], pattern: LoadPattern): Promise<void> => {
    const entry: CaseResult = { caseId, runs: [], processes: [] };
    for (let run = 0; run < config.runs; run++) {
      const { figures, processes } = await measureOnce(target, sender, group, tagged(plans), pattern, config);
      entry.runs.push(figures);
      entry.processes.push(processes);
      log(runLine(target, caseId, run, figures));
    }
    result.cases.push(entry);
  };
  try {
    // Memory per idle subscribed socket, before any load: the largest N connected and
    // subscribed, left idle, then closed; read after a full collection each time.
    const biggest = Math.max(...config.oneRoomSubscribers);
    const idle = await connectGroup(target, `idle-${biggest}`, oneRoomSockets(population, biggest), config, { heldMemory: true });
    result.groups.push(idle.setup);
    log(`${target.name} ${biggest} idle sockets: ${idle.setup.heldKiBPerSocket?.toFixed(1)} KiB each held (heap + external after GC), ${idle.setup.idleKiBPerSocket.toFixed(1)} KiB RSS`);
    await closeGroup(idle);
    const oneRoomPlans = senderPlans(population, [population.oneRoom]);
    for (const n of config.oneRoomSubscribers) {
      const group = await connectGroup(target, `one-room-${n}`, oneRoomSockets(population, n), config);
      result.groups.push(group.setup);
      log(`${target.name} ${n} sockets connected and subscribed in ${Math.round(group.setup.connectMs)} ms (${group.setup.connectFailures.length} failed)`);
      // A first, unrecorded run warms every target up the same way (JIT, connection pools, the
      // shared DynamoDB Local's JVM), so the first recorded case is not also the cold one.
      if (n === config.oneRoomSubscribers[0]) await measureOnce(target, sender, group, tagged(oneRoomPlans), { kind: 'saturation', durationMs: config.warmUpMs }, config);
      await runCase(`one-room-${n}-saturation`, group, oneRoomPlans, { kind: 'saturation', durationMs: config.saturationMs });
      await runCase(`one-room-${n}-steady`, group, oneRoomPlans, { kind: 'steady', ...config.steady });
      if (n === config.burst.subscribers) {
        const { ratePerSecond, durationMs, maxInFlight } = config.burst;
        await runCase(`one-room-${n}-burst`, group, oneRoomPlans, { kind: 'burst', ratePerSecond, durationMs, maxInFlight });
      }
      await closeGroup(group);
    }
    const { rooms, subscribersPerRoom, durationMs } = config.manyRooms;
    const group = await connectGroup(target, `rooms-${rooms}x${subscribersPerRoom}`, manyRoomSockets(population, subscribersPerRoom), config);
    result.groups.push(group.setup);
    await runCase(`rooms-${rooms}x${subscribersPerRoom}-saturation`, group, senderPlans(population, population.manyRooms), { kind: 'saturation', durationMs });
    await closeGroup(group);
  } finally {
    await Promise.all([...open].map(closeSubscriberGroup));
    await sender.kill();
  }
  return result;
}

/** One case of the one-room layout on one target, ready to run again and again (see one-case.ts). */
export interface OpenCase {
  target: RunningTarget;
  caseId: string;
  setup: GroupSetup;
  /** One recorded run, logged. */
  run(): Promise<{ figures: RunFigures; processes: Record<string, ProcessFigures> }>;
  close(): Promise<void>;
}

/**
 * N subscribers connected to one room, then the same unrecorded warm-up run the full run gives
 * a target first.
 */
export async function openCase(target: RunningTarget, population: Population, config: BenchConfig, selection: CaseSelection, log: (line: string) => void): Promise<OpenCase> {
  const { subscribers, kind } = selection;
  const caseId = `one-room-${subscribers}-${kind}`;
  const pattern: LoadPattern =
    kind === 'saturation' ? { kind, durationMs: config.saturationMs } : kind === 'steady' ? { kind, ...config.steady } : { kind, ratePerSecond: config.burst.ratePerSecond, durationMs: config.burst.durationMs, maxInFlight: config.burst.maxInFlight };
  const sender = forkSenderWorker();
  const tagged = runTagger();
  const plans = senderPlans(population, [population.oneRoom]);
  let group: SubscriberGroup;
  try {
    group = await connectSubscriberGroup(target, `one-room-${subscribers}`, oneRoomSockets(population, subscribers), config);
    log(`${target.name} ${subscribers} sockets connected and subscribed in ${Math.round(group.setup.connectMs)} ms (${group.setup.connectFailures.length} failed)`);
    await measureOnce(target, sender, group, tagged(plans), { kind: 'saturation', durationMs: config.warmUpMs }, config);
  } catch (error) {
    await sender.kill();
    throw error;
  }
  let runs = 0;
  return {
    target,
    caseId,
    setup: group.setup,
    run: async () => {
      const measured = await measureOnce(target, sender, group, tagged(plans), pattern, config);
      log(runLine(target, caseId, runs++, measured.figures));
      return measured;
    },
    close: async () => {
      await closeSubscriberGroup(group);
      await sender.kill();
    },
  };
}
