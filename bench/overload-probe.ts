// The twin under overload with chosen admission limits, or with none (before/after, issue 11 §2
// "Overload"): one twin process in memory, one room of S subscribers, and the e2e harness's
// open-loop burst from its sender process. Prints one JSON line per run: accepted/s, refused
// (429 and otherwise), p99 of admitted sends, lost, and the twin's Node peak RSS.
//   npx tsx bench/overload-probe.ts [--no-cap] [--concurrent 64] [--queue 1000] [--wait-ms 2000]
//                                   [--rate 1500] [--ms 1500] [--in-flight 2000] [--subscribers 100] [--runs 1]
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { startTwin } from '../local/twin';
import { DEFAULT_ADMISSION_LIMITS, type AdmissionLimits } from '../local/server/limits';
import { descendants } from '../test/load/support/twin-child';
import type { TwinProcessInfo } from '../test/load/support/twin-process';
import { twinProcessInfo } from '../test/load/support/twin-process-info';
import { FULL } from './e2e/config';
import { closeSubscriberGroup, connectSubscriberGroup, measureOnce, senderPlans } from './e2e/measure-target';
import { populateTwin } from './e2e/population';
import type { RunningTarget } from './e2e/targets';
import { forkSenderWorker } from './e2e/workers';

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
}

/** The child: a twin with the limits given as JSON, printing its info line like twin-process.ts. */
async function serve(limitsJson: string): Promise<void> {
  const twin = await startTwin({ port: 0, dataDir: null, outputsPath: null, logLevel: process.env.PROBE_LOG_LEVEL ?? 'warn', admissionLimits: JSON.parse(limitsJson) as AdmissionLimits });
  const info: TwinProcessInfo = twinProcessInfo(twin);
  process.stdout.write(`${JSON.stringify(info)}\n`);
  // The twin's event-loop delay over its life: a loop this late reads new requests this late.
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  process.once('SIGTERM', () => {
    loop.disable();
    // What the admitted waited and ran inside the twin, beside what the senders measured.
    const { admittedTimeMs, admitted, refusedQueueFull, refusedWaitTimeout } = twin.admissionStats();
    process.stderr.write(`${JSON.stringify({ eventLoopDelayMs: { p50: loop.percentile(50) / 1e6, p99: loop.percentile(99) / 1e6, max: loop.max / 1e6 }, inTwin: { admitted, refusedQueueFull, refusedWaitTimeout, admittedTimeMs } })}\n`);
    void twin.stop().then(() => process.exit(0));
  });
}

async function startProbeTwin(limits: AdmissionLimits): Promise<RunningTarget & { info: TwinProcessInfo }> {
  const child = spawn(process.execPath, ['--import', 'tsx', __filename, '--serve', JSON.stringify(limits)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const info = await new Promise<TwinProcessInfo>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const newline = out.indexOf('\n');
      if (newline >= 0) resolve(JSON.parse(out.slice(0, newline)) as TwinProcessInfo);
    });
    void exited.then(() => reject(new Error('the probe twin exited before it listened')));
  });
  return {
    name: 'twin',
    info,
    endpoint: { graphqlUrl: info.graphqlUrl, realtimeUrl: info.realtimeUrl.replace(/^wss:/, 'ws:') },
    pids: { node: child.pid as number, jvm: descendants(child.pid as number).find((p) => p.command === 'java')?.pid },
    startupMs: 0,
    inspectorPort: 0,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function main(): Promise<void> {
  const noCap = process.argv.includes('--no-cap');
  // No cap: every request runs at once, as before admission control.
  const limits: AdmissionLimits = noCap
    ? { maxConcurrentOperations: Number.MAX_SAFE_INTEGER, maxQueuedOperations: 0, maxQueueWaitMs: 1 }
    : {
        maxConcurrentOperations: option('concurrent', DEFAULT_ADMISSION_LIMITS.maxConcurrentOperations),
        maxQueuedOperations: option('queue', DEFAULT_ADMISSION_LIMITS.maxQueuedOperations),
        maxQueueWaitMs: option('wait-ms', DEFAULT_ADMISSION_LIMITS.maxQueueWaitMs),
      };
  const pattern = { kind: 'burst' as const, ratePerSecond: option('rate', 1500), durationMs: option('ms', 1500), maxInFlight: option('in-flight', 2000) };
  const subscribers = option('subscribers', 100);
  const config = { ...FULL, burst: { ...pattern, subscribers } };
  const target = await startProbeTwin(limits);
  const sender = forkSenderWorker();
  try {
    const population = await populateTwin(target.info, { senders: config.senders, readers: config.readers, manyRooms: 0 });
    const plans = Array.from({ length: subscribers }, (_, k) => ({ subscriptionId: `probe-${k}`, token: (population.readers[k % population.readers.length] as { token: string }).token, roomId: population.oneRoom }));
    const group = await connectSubscriberGroup(target, 'probe', plans, config);
    let run = 0;
    const tagged = () => senderPlans(population, [population.oneRoom]).map((p) => ({ ...p, tag: `${p.tag}p${++run}` }));
    await measureOnce(target, sender, group, tagged(), { kind: 'saturation', durationMs: config.warmUpMs }, config);
    for (let i = 0; i < option('runs', 1); i++) {
      const { figures, processes } = await measureOnce(target, sender, group, tagged(), pattern, config);
      const line = {
        limits: noCap ? 'no cap' : limits,
        pattern,
        subscribers,
        sent: figures.sent,
        accepted: figures.accepted,
        acceptedPerSecond: Math.round(figures.acceptedPerSecond),
        throttled429: figures.throttled,
        refusedOtherwise: figures.refused - (figures.throttled ?? 0),
        skipped: figures.skipped,
        admittedP50Ms: Math.round(figures.latencyMs.p50),
        admittedP99Ms: Math.round(figures.latencyMs.p99),
        admittedMaxMs: Math.round(figures.latencyMs.max),
        ackP99Ms: Math.round(figures.ackP99Ms),
        lost: figures.lost,
        duplicated: figures.duplicated,
        unexpected: figures.unexpected,
        nodePeakRssMiB: Math.round(processes.node?.peakRssMiB ?? Number.NaN),
        nodeCpuPercent: Math.round(processes.node?.cpuPercent ?? Number.NaN),
        jvmCpuPercent: Math.round(processes.jvm?.cpuPercent ?? Number.NaN),
        firstRefusal: figures.firstRefusal?.slice(0, 80),
        loadAverage: loadavg().map((v) => Number(v.toFixed(2))),
      };
      process.stdout.write(`${JSON.stringify(line)}\n`);
    }
    await closeSubscriberGroup(group);
  } finally {
    await sender.kill();
    await target.stop();
  }
}

const serveAt = process.argv.indexOf('--serve');
if (serveAt >= 0) {
  serve(process.argv[serveAt + 1] as string).catch((error: unknown) => {
    process.stderr.write(`the probe twin could not start: ${String(error)}\n`);
    process.exit(1);
  });
} else {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`the overload probe failed: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(1);
    },
  );
}
