// Side-traffic benchmark (issue 12): does typing and presence traffic slow message fan-out? The
// twin in its own process; one room with 100 onNewMessage subscribers and 4 senders (the e2e
// workers), and 50 chatters (bench/side-traffic/chatter-worker.ts) sending setTyping and
// heartbeat at three levels, interleaved per run. Checks the bound of bench/side-traffic/plan.ts.
//   npm run bench:side-traffic [-- --quick] [-- --save]
// Results: build/bench/side-traffic.{json,md} (git-ignored); --save writes bench/results/side-traffic.md.
import { fork } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { createMembers, inParallel, joinRoom, signIn } from '../test/load/support/load-clients';
import { monotonicMs } from './e2e/clock';
import { FULL, QUICK } from './e2e/config';
import { closeSubscriberGroup, connectSubscriberGroup, measureOnce, senderPlans, type SubscriberGroup } from './e2e/measure-target';
import { populateTwin, subOf } from './e2e/population';
import type { LoadPattern, SenderPlan, SocketPlan } from './e2e/protocol';
import { watchProcesses } from './e2e/proc-stats';
import { startTwinTarget } from './e2e/targets';
import { forkSenderWorker } from './e2e/workers';
import { HEARTBEAT_INTERVAL_MS, TYPING_INTERVAL_MS } from '../resolvers/lib/limits';
import { resultsPath } from './results-path';
import { LEVELS, type SideLevel } from './side-traffic/plan';
import type { ChatterCommand, ChatterPlan, ChatterReply, ChatterStats } from './side-traffic/protocol';
import { boundOf, deliveryIntact, renderReport, type LevelRun, type Measured, type SideTrafficResults } from './side-traffic/report';

const quick = process.argv.includes('--quick');
const config = quick ? QUICK : FULL;
const RUNS = quick ? 1 : 3;
const SUBSCRIBERS = 100;
const CHATTERS = 50;
/** The side traffic runs this long before its level is measured. */
const LEAD_MS = 1000;
/** Added to the limit window between one level's last calls and the next level's first. */
const QUIET_MARGIN_MS = 200;
const SATURATION: LoadPattern = { kind: 'saturation', durationMs: config.saturationMs };
const STEADY: LoadPattern = { kind: 'steady', ...config.steady };

const began = monotonicMs();
const log = (line: string): void => void process.stderr.write(`[${((monotonicMs() - began) / 1000).toFixed(1)} s] ${line}\n`);

/** The chatter worker, forked with tsx, one IPC answer per command. */
function forkChatterWorker(): { pid: number; ask(command: ChatterCommand): Promise<ChatterReply>; kill(): void } {
  const child = fork(path.join(__dirname, 'side-traffic', 'chatter-worker.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return {
    pid: child.pid as number,
    ask: (command) =>
      new Promise((resolve, reject) => {
        const onExit = (): void => reject(new Error(`chatter worker exited while answering ${command.type}`));
        child.once('exit', onExit);
        child.once('message', (answer) => {
          child.off('exit', onExit);
          resolve(answer as ChatterReply);
        });
        child.send(command);
      }),
    kill: () => void child.kill('SIGKILL'),
  };
}

/** min / median / max, rounded, of the refusals' answer-time shifts. */
function shifts(values: number[]): string {
  const sorted = [...values].sort((x, y) => x - y);
  return [sorted[0], sorted[Math.floor(sorted.length / 2)], sorted[sorted.length - 1]].map((v) => Math.round(v as number)).join(' / ');
}

async function main(): Promise<void> {
  const loadBefore = loadavg();
  const twin = await startTwinTarget(null);
  const sender = forkSenderWorker();
  const chatter = forkChatterWorker();
  let group: SubscriberGroup | null = null;
  const levelRuns: LevelRun[] = [];
  try {
    log(`twin answered ${Math.round(twin.startupMs)} ms after spawn`);
    const population = await populateTwin(twin.info, { senders: config.senders, readers: config.readers, manyRooms: 0 });
    const names = Array.from({ length: CHATTERS }, (_, i) => `bench-chatter-${i}`);
    await createMembers(twin.info, names);
    const chatterUsers = await signIn(twin.info, names);
    await inParallel(chatterUsers, 8, (user) => joinRoom(twin.info, user, population.oneRoom));
    log(`populated: ${population.senders.length} senders, ${population.readers.length} readers, ${CHATTERS} chatters in one room`);

    const sockets: SocketPlan[] = Array.from({ length: SUBSCRIBERS }, (_, k) => ({
      subscriptionId: `side-${k}`,
      token: (population.readers[k % population.readers.length] as { token: string }).token,
      roomId: population.oneRoom,
    }));
    group = await connectSubscriberGroup(twin, `side-${SUBSCRIBERS}`, sockets, config);
    if (group.setup.connectFailures.length) throw new Error(`subscribers failed to connect: ${group.setup.connectFailures.join('; ')}`);
    const chatterPlans: ChatterPlan[] = chatterUsers.map((user) => ({ userId: subOf(user), token: user.token }));
    const connected = await chatter.ask({ type: 'connect', endpoint: twin.endpoint, roomId: population.oneRoom, chatters: chatterPlans, width: config.connectWidth });
    if (connected.type !== 'connected' || connected.failures.length) throw new Error(`chatters failed to connect: ${JSON.stringify(connected).slice(0, 400)}`);
    log(`${SUBSCRIBERS} subscribers and ${CHATTERS} chatter sockets (2 subscriptions each) connected`);

    const plans = senderPlans(population, [population.oneRoom]);
    let runNumber = 0;
    // Senders tag their clientMessageIds per run, so no two runs send the same id.
    const tagged = (): SenderPlan[] => {
      runNumber++;
      return plans.map((p) => ({ ...p, tag: `${p.tag}r${runNumber}` }));
    };
    const measure = (pattern: LoadPattern): Promise<Measured> => measureOnce(twin, sender, group as SubscriberGroup, tagged(), pattern, config);
    let sideStoppedAt = Number.NEGATIVE_INFINITY;
    let chatterWatch: ReturnType<typeof watchProcesses> | null = null;
    let chatterCpuPercent = Number.NaN;
    const withSide = async <T>(level: SideLevel, body: () => Promise<T>): Promise<{ result: T; side: ChatterStats | null }> => {
      if (!level.periods) return { result: await body(), side: null };
      // A level's first calls come a whole limit window after the last level's, so none is
      // refused for what the level before it sent.
      const quiet = sideStoppedAt + Math.max(TYPING_INTERVAL_MS, HEARTBEAT_INTERVAL_MS) + QUIET_MARGIN_MS - monotonicMs();
      if (quiet > 0) await delay(quiet);
      // The chatters' own CPU, on the same cores as the server: part of what the level costs here.
      chatterWatch = watchProcesses({ chatter: chatter.pid });
      await chatter.ask({ type: 'start', typingMs: level.periods.typingMs, heartbeatMs: level.periods.heartbeatMs });
      try {
        // The lead lets the side traffic reach its steady state before messages are measured.
        await delay(LEAD_MS);
        return { result: await body(), side: await stopped() };
      } catch (error) {
        await stopped();
        throw error;
      }
    };
    const stopped = async (): Promise<ChatterStats> => {
      const answer = await chatter.ask({ type: 'stop' });
      sideStoppedAt = monotonicMs();
      chatterCpuPercent = chatterWatch?.stop().chatter?.cpuPercent ?? Number.NaN;
      if (answer.type !== 'stopped') throw new Error(`chatter worker answered ${answer.type} to stop`);
      return answer.stats;
    };

    // Unrecorded: warms the twin's message path and its typing and presence resolvers.
    const atLimits = LEVELS.find((l) => l.name === 'at-limits') as SideLevel;
    await withSide(atLimits, () => measure({ kind: 'saturation', durationMs: config.warmUpMs }));
    for (let run = 1; run <= RUNS; run++) {
      for (const level of LEVELS) {
        const { result, side } = await withSide(level, async () => ({ saturation: await measure(SATURATION), steady: await measure(STEADY) }));
        levelRuns.push({ level: level.name, run, patterns: result, side, ...(side ? { chatterCpuPercent } : {}) });
        const s = result.saturation.figures;
        const t = result.steady.figures;
        log(
          `run ${run} ${level.name}: saturation ${Math.round(s.acceptedPerSecond)} msg/s, ${Math.round(s.deliveriesPerSecond)} deliveries/s, lost ${s.lost} dup ${s.duplicated}; ` +
            `steady p99 ${t.latencyMs.p99.toFixed(1)} ms, lost ${t.lost} dup ${t.duplicated}` +
            (side ? `; typing ${side.typing.accepted}/${side.typing.sent} accepted, heartbeat ${side.heartbeat.accepted}/${side.heartbeat.sent}, frames ${side.typingFrames + side.presenceFrames}` : '') +
            (side ? `; chatter worker CPU ${Math.round(chatterCpuPercent)} %` : '') +
            (side?.limitRefusalShiftsMs.length ? `; LimitExceeded after the previous call answered ${shifts(side.limitRefusalShiftsMs)} ms slower` : ''),
        );
      }
    }
  } finally {
    if (group) await closeSubscriberGroup(group);
    await chatter.ask({ type: 'close' }).catch(() => undefined);
    chatter.kill();
    await sender.kill();
    await twin.stop();
  }

  const results: SideTrafficResults = {
    quick,
    runs: RUNS,
    seconds: (monotonicMs() - began) / 1000,
    node: process.version,
    loadAverage: { before: loadBefore, after: loadavg() },
    setup: { subscribers: SUBSCRIBERS, senders: config.senders, chatters: CHATTERS, saturationMs: config.saturationMs, steady: config.steady },
    levelRuns,
  };
  writeFileSync(resultsPath('side-traffic.json', []), `${JSON.stringify(results, null, 2)}\n`);
  const reportPath = resultsPath('side-traffic.md');
  writeFileSync(reportPath, renderReport(results));
  const check = boundOf(results);
  log(
    `done in ${results.seconds.toFixed(0)} s: ${path.relative(process.cwd(), reportPath)}; bound ${check.pass ? 'pass' : 'FAIL'} ` +
      `(saturation served ${check.saturationServedRatio.toFixed(2)}×, steady p99 ${check.steadyP99Ratio.toFixed(2)}× with the floor); ` +
      `messages ${deliveryIntact(results) ? 'all delivered once, in order' : 'LOST, DUPLICATED OR REORDERED'}`,
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`the side-traffic benchmark failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
