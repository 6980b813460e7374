/**
 * BENCHMARKS.md (or build/bench/e2e.md): the headline ratios against the issue's goals, then the
 * tables (median of the runs, with min–max when there are several), the plot and the commands.
 */
import { DEFAULT_ADMISSION_LIMITS } from '../../local/server/limits';
import type { RunFigures } from './analyse-run';
import type { BenchConfig } from './config';
import type { GroupSetup, TargetResult } from './measure-target';
import { FIGURES, caseOf, figureSpread, type FigureName, type Spread } from './summary';
import { TARGET_LABELS } from './target-labels';

export interface BenchResults {
  quick: boolean;
  runs: number;
  config: BenchConfig;
  seconds: number;
  loadAverage: { before: number[]; after: number[] };
  node: string;
  /** Where the twin's DynamoDB Local kept its data while measured (the others: memory). */
  twinStorage?: 'memory' | 'data directory';
  targets: TargetResult[];
}

/** A load average at the start above this means other work shared the cores. */
const BUSY_LOAD = 1.5;

const ORDER = ['twin', 'peer', 'ceilingWrite', 'ceiling'] as const;

function number(value: number): string {
  if (!Number.isFinite(value)) return '—';
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString('en-US');
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

function cell(s: Spread | null): string {
  if (!s || !Number.isFinite(s.median)) return '—';
  return s.min === s.max ? number(s.median) : `${number(s.median)} (${number(s.min)}–${number(s.max)})`;
}

function ratio(a: number | undefined, b: number | undefined): string {
  if (a === undefined || b === undefined || !Number.isFinite(a) || !Number.isFinite(b) || b === 0) return '—';
  return `${(a / b).toFixed(2)}×`;
}

function caseLabel(caseId: string, config: BenchConfig): string {
  const one = /^one-room-(\d+)-(saturation|steady|burst)$/.exec(caseId);
  if (one) {
    const n = Number(one[1]).toLocaleString('en-US');
    if (one[2] === 'saturation') return `N = ${n}, one room, ${config.senders} senders at saturation`;
    if (one[2] === 'steady') return `N = ${n}, one room, steady ${config.steady.ratePerSecond} msg/s`;
    return `N = ${n}, one room, burst ${config.burst.ratePerSecond.toLocaleString('en-US')} msg/s, ≤ ${config.burst.maxInFlight.toLocaleString('en-US')} in flight (overload)`;
  }
  const many = /^rooms-(\d+)x(\d+)-saturation$/.exec(caseId);
  if (many) return `${many[1]} rooms × ${many[2]} subscribers, ${config.senders} senders at saturation`;
  return caseId;
}

/** Which figures each kind of case reports in the main table. */
function figuresFor(caseId: string): FigureName[] {
  if (caseId.endsWith('-steady')) return ['p50', 'p95', 'p99', 'max'];
  if (caseId.endsWith('-burst')) return ['acceptedPerSecond', 'deliveriesPerSecond', 'p99', 'ackP99'];
  return ['acceptedPerSecond', 'deliveriesPerSecond', 'p50', 'p99', 'max'];
}

/**
 * The burst case on its own: what each server accepted and refused when sent to at several
 * times its capacity, the latency of what it admitted, whether it lost anything it acknowledged,
 * and its memory (issue 11 §2, "Overload").
 */
export function overloadSection(results: BenchResults, present: readonly string[]): string[] {
  const { config } = results;
  const caseId = `one-room-${config.burst.subscribers}-burst`;
  const targets = new Map(results.targets.map((t) => [t.target, t]));
  if (!present.some((name) => caseOf(targets.get(name), caseId))) return [];
  const limits = DEFAULT_ADMISSION_LIMITS;
  const lines = ['## Overload', ''];
  lines.push(
    `${config.burst.ratePerSecond.toLocaleString('en-US')} msg/s for ${config.burst.durationMs} ms, open loop, to one room of ${config.burst.subscribers} subscribers, at most ${config.burst.maxInFlight.toLocaleString('en-US')} requests in flight (a cap set above the twin's queue, so the servers, not the generator, decide). ` +
      `The twin's policy: at most ${limits.maxConcurrentOperations} GraphQL operations at once, a FIFO queue of at most ${limits.maxQueuedOperations.toLocaleString('en-US')} that waits at most ${limits.maxQueueWaitMs.toLocaleString('en-US')} ms; a request that does not fit is answered 429 TooManyRequestsException with Retry-After before any of it runs. ` +
      'The peer and the ceilings have no such bound: what they cannot serve waits in the process. Send-to-receive is of admitted (acknowledged) messages only. Counts are added up over the runs.',
    '',
  );
  lines.push('| Target | sent | accepted/s | refused 429 | refused otherwise | skipped by the generator | admitted: send-to-receive p99, ms | admitted: send-to-answer p99, ms | lost (acknowledged, not received) | unexpected | server Node peak RSS, MiB |');
  lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const name of present) {
    const target = targets.get(name);
    const entry = caseOf(target, caseId);
    if (!entry) continue;
    const runs = entry.runs;
    const sum = (f: (r: RunFigures) => number): string => runs.reduce((s, r) => s + f(r), 0).toLocaleString('en-US');
    const throttled = (r: RunFigures): number => r.throttled ?? 0;
    lines.push(
      `| ${TARGET_LABELS[name] ?? name} | ${sum((r) => r.sent)} | ${cell(figureSpread(target, caseId, 'acceptedPerSecond'))} | ${sum(throttled)} | ${sum((r) => r.refused - throttled(r))} | ${sum((r) => r.skipped)} | ${cell(figureSpread(target, caseId, 'p99'))} | ${cell(figureSpread(target, caseId, 'ackP99'))} | ${sum((r) => r.lost)} | ${sum((r) => r.unexpected)} | ${cell(figureSpread(target, caseId, 'nodeRss'))} |`,
    );
  }
  lines.push('');
  return lines;
}

export function renderReport(results: BenchResults, svgName: string, svgDir: string): string {
  const byName = new Map(results.targets.map((t) => [t.target, t]));
  const present = ORDER.filter((name) => byName.has(name));
  const twin = byName.get('twin');
  const median = (target: string, caseId: string, figure: FigureName): number | undefined => figureSpread(byName.get(target), caseId, figure)?.median;
  const caseIds = twin?.cases.map((c) => c.caseId) ?? [];
  const { config } = results;
  const bigN = Math.max(...config.oneRoomSubscribers);
  const lines: string[] = [];

  lines.push('# Benchmarks: the twin end to end, beside a peer and two ceilings', '');
  lines.push(
    `Measured by \`npm run bench:e2e${results.quick ? ' -- --quick' : ''}\` (bench/e2e.ts) in ${Math.round(results.seconds)} s on ${results.node}, 2 CPU cores, ` +
      `${results.quick ? 'one run per case (--quick: a smoke check, not figures to quote)' : `median of ${results.runs} runs per case, min–max in brackets`}. ` +
      ((results.loadAverage.before[0] ?? 0) > BUSY_LOAD
        ? '**The machine was busy**: other work shared its two cores'
        : 'The machine ran nothing else of note') +
      ` (load average ${results.loadAverage.before.map((v) => v.toFixed(1)).join(' / ')} at the start, ` +
      `${results.loadAverage.after.map((v) => v.toFixed(1)).join(' / ')} at the end; the benchmark's own processes count in it); the ratios, measured minutes apart in the same run, are the part to read.`,
    '',
  );
  lines.push('Targets, each its own process on 127.0.0.1 (plain HTTP and ws://, no TLS for anyone), driven by the same load generator:', '');
  lines.push(
    results.twinStorage === 'data directory'
      ? '- **twin**: this project\'s local twin (`startTwin`, as `npm start`), with the DynamoDB Local it starts itself, on a data directory (the others keep theirs in memory).'
      : '- **twin**: this project\'s local twin (`startTwin`, as `npm start`), with the DynamoDB Local it starts itself, in memory like the others\' (`--twin-on-disk` measures it on a data directory, where SQLite\'s writes cost its JVM about twice as much per message); its start-up figures are on a data directory.',
  );
  lines.push('- **peer**: `@aws-amplify/amplify-appsync-simulator`, the engine of `amplify mock api`, serving sendMessage / onNewMessage / listMessages with VTL resolvers on DynamoDB Local (bench/e2e/peer-server.ts).');
  lines.push('- **ceiling: ws + PutItem**: a bare `ws` server that answers sendMessage after one DynamoDB Local PutItem and broadcasts one frame, serialised once, to the room\'s sockets (bench/e2e/ceiling-server.ts).');
  lines.push('- **ceiling: bare ws**: the same without the PutItem.', '');

  lines.push('## Headline ratios (issue 11 §2)', '');
  lines.push('| Goal | twin | peer | ceiling: ws + PutItem | ratio measured | goal |', '|---|---:|---:|---:|---:|---|');
  const sat1 = 'one-room-1-saturation';
  const satBig = `one-room-${bigN}-saturation`;
  const steadyBig = `one-room-${bigN}-steady`;
  const row = (goal: string, caseId: string, figure: FigureName, ratioText: string, target: string): void => {
    lines.push(`| ${goal} | ${number(median('twin', caseId, figure) ?? Number.NaN)} | ${number(median('peer', caseId, figure) ?? Number.NaN)} | ${number(median('ceilingWrite', caseId, figure) ?? Number.NaN)} | ${ratioText} | ${target} |`);
  };
  row('N = 1, saturation: messages accepted/s', sat1, 'acceptedPerSecond', `${ratio(median('twin', sat1, 'acceptedPerSecond'), median('peer', sat1, 'acceptedPerSecond'))} the peer, ${ratio(median('twin', sat1, 'acceptedPerSecond'), median('ceilingWrite', sat1, 'acceptedPerSecond'))} the ceiling`, '≥ 2× the peer, ≥ 0.8× the ceiling');
  row(`N = ${bigN.toLocaleString('en-US')}, saturation: deliveries/s`, satBig, 'deliveriesPerSecond', `${ratio(median('twin', satBig, 'deliveriesPerSecond'), median('ceilingWrite', satBig, 'deliveriesPerSecond'))} the ceiling, ${ratio(median('twin', satBig, 'deliveriesPerSecond'), median('peer', satBig, 'deliveriesPerSecond'))} the peer`, '≥ 0.75× the ceiling, ≥ 2.5× the peer');
  row(`N = ${bigN.toLocaleString('en-US')}, steady: p99 send-to-receive, ms`, steadyBig, 'p99', `${ratio(median('twin', steadyBig, 'p99'), median('ceilingWrite', steadyBig, 'p99'))} the ceiling's`, '≤ 1.25× the ceiling\'s');
  row(`N = ${bigN.toLocaleString('en-US')}, saturation: server Node peak RSS, MiB`, satBig, 'nodeRss', `${ratio(median('twin', satBig, 'nodeRss'), median('ceilingWrite', satBig, 'nodeRss'))} the ceiling's`, '≤ 1.5× the ceiling\'s');
  const group = (target: string, id: string): GroupSetup | undefined => byName.get(target)?.groups.find((g) => g.groupId === id);
  const bigGroup = `one-room-${bigN}`;
  const idleGroup = `idle-${bigN}`;
  const idleKiB = (target: string): number => group(target, idleGroup)?.heldKiBPerSocket ?? Number.NaN;
  lines.push(
    `| memory per idle subscribed socket at N = ${bigN.toLocaleString('en-US')}, KiB (growth of the server's JS heap + external after a full GC / N, before any load) | ${number(idleKiB('twin'))} | ${number(idleKiB('peer'))} | ${number(idleKiB('ceilingWrite'))} | ${ratio(idleKiB('twin'), idleKiB('ceilingWrite'))} the ceiling's | ≤ 10 KiB |`,
  );
  lines.push(
    `| ${bigN.toLocaleString('en-US')} sockets connected and subscribed, s | ${number((group('twin', bigGroup)?.connectMs ?? Number.NaN) / 1000)} | ${number((group('peer', bigGroup)?.connectMs ?? Number.NaN) / 1000)} | ${number((group('ceilingWrite', bigGroup)?.connectMs ?? Number.NaN) / 1000)} | ${ratio(group('twin', bigGroup)?.connectMs, group('peer', bigGroup)?.connectMs)} the peer's | ≤ the peer's |`,
  );
  lines.push(
    `| start to first answer, s (twin: with its own DynamoDB Local; peer: DynamoDB Local already up) | ${number((twin?.startupMs ?? Number.NaN) / 1000)} | ${number((byName.get('peer')?.startupMs ?? Number.NaN) / 1000)} | — | — | ≤ 1 s for the Node side |`,
  );
  lines.push('');

  lines.push('## Throughput and latency', '');
  lines.push(`| Case | Figure | ${present.map((n) => TARGET_LABELS[n]).join(' | ')} | twin ÷ peer | twin ÷ ws + PutItem | twin ÷ bare ws |`);
  lines.push(`|---|---|${present.map(() => '---:').join('|')}|---:|---:|---:|`);
  for (const caseId of caseIds) {
    for (const figure of figuresFor(caseId)) {
      const cells = present.map((name) => cell(figureSpread(byName.get(name), caseId, figure)));
      const t = median('twin', caseId, figure);
      lines.push(`| ${caseLabel(caseId, config)} | ${FIGURES[figure].label} | ${cells.join(' | ')} | ${ratio(t, median('peer', caseId, figure))} | ${ratio(t, median('ceilingWrite', caseId, figure))} | ${ratio(t, median('ceiling', caseId, figure))} |`);
    }
  }
  lines.push('', 'Latency is from the moment a sender starts its HTTP request to the moment a subscriber process reads the frame (one monotonic clock for all processes). A ratio above 1× is more for the twin: better for rates, worse for times.', '');

  lines.push('## Delivery checks (all runs added up)', '');
  lines.push('Lost: an acknowledged message a subscription of its room never received. Duplicated: received twice on one subscription. Out of order: two messages of one sender, the second sent after the first was answered, received the other way round. Unexpected: a frame on a subscription it was not for (a message of another room, or one never acknowledged); such frames are not counted as deliveries. Refused: sends answered with an error (in the burst, the overload policy at work); skipped: sends the generator did not start because its in-flight bound was reached.', '');
  lines.push(`| Case | ${present.map((n) => `${TARGET_LABELS[n]}: lost / dup / out of order / unexpected / refused / skipped`).join(' | ')} |`);
  lines.push(`|---|${present.map(() => '---').join('|')}|`);
  for (const caseId of caseIds) {
    const cells = present.map((name) => {
      const entry = caseOf(byName.get(name), caseId);
      if (!entry) return '—';
      const runs = entry.runs;
      const sum = (f: (r: (typeof runs)[number]) => number): number => runs.reduce((s, r) => s + f(r), 0);
      return `${sum((r) => r.lost)} / ${sum((r) => r.duplicated)} / ${sum((r) => r.outOfOrder)} / ${sum((r) => r.unexpected)} / ${sum((r) => r.refused)} / ${sum((r) => r.skipped)}`;
    });
    lines.push(`| ${caseLabel(caseId, config)} | ${cells.join(' | ')} |`);
  }
  lines.push('');

  lines.push(...overloadSection(results, present));

  lines.push('## Server resources while a case runs (from /proc)', '');
  lines.push('CPU % is of one core over the run (sends and the wait for the last delivery). The twin\'s JVM is the DynamoDB Local it started; the peer and the ceiling with a write share one DynamoDB Local; the bare ceiling has none.', '');
  lines.push(`| Case | Figure | ${present.map((n) => TARGET_LABELS[n]).join(' | ')} | twin ÷ ws + PutItem |`);
  lines.push(`|---|---|${present.map(() => '---:').join('|')}|---:|`);
  for (const caseId of caseIds) {
    for (const figure of ['nodeCpu', 'nodeRss', 'jvmCpu', 'jvmRss'] as FigureName[]) {
      const cells = present.map((name) => cell(figureSpread(byName.get(name), caseId, figure)));
      lines.push(`| ${caseLabel(caseId, config)} | ${FIGURES[figure].label} | ${cells.join(' | ')} | ${ratio(median('twin', caseId, figure), median('ceilingWrite', caseId, figure))} |`);
    }
  }
  lines.push('');

  lines.push('## Connecting, starting, idle memory', '');
  lines.push(`| Figure | ${present.map((n) => TARGET_LABELS[n]).join(' | ')} |`, `|---|${present.map(() => '---:').join('|')}|`);
  lines.push(`| start to first answer, ms (spawn to an HTTP answer; cold: empty store) | ${present.map((n) => number(byName.get(n)?.startupMs ?? Number.NaN)).join(' | ')} |`);
  lines.push(`| the same, restarted on the data it kept, ms | ${present.map((n) => number(byName.get(n)?.restartWithDataMs ?? Number.NaN)).join(' | ')} |`);
  for (const setup of twin?.groups ?? []) {
    lines.push(`| ${setup.sockets.toLocaleString('en-US')} sockets (${setup.groupId}) connected and subscribed, ms | ${present.map((n) => number(group(n, setup.groupId)?.connectMs ?? Number.NaN)).join(' | ')} |`);
    // Only the idle group is measured around a full collection; for the others, collection of
    // earlier cases' garbage is mixed into the growth, so it is not reported.
    if (setup.groupId.startsWith('idle-')) {
      lines.push(`| held memory per idle subscribed socket (${setup.groupId}: before any load, 1 s idle; JS heap + external after a full GC), KiB | ${present.map((n) => number(group(n, setup.groupId)?.heldKiBPerSocket ?? Number.NaN)).join(' | ')} |`);
      lines.push(`| the same as Node RSS growth (pages the allocator keeps or returns move it either way), KiB | ${present.map((n) => number(group(n, setup.groupId)?.idleKiBPerSocket ?? Number.NaN)).join(' | ')} |`);
    }
  }
  lines.push('', 'Every server is started the way npm start starts the twin, through tsx, which all of them pay for (the ceilings\' start-up is mostly that). The twin starts its own DynamoDB Local (a JVM) inside its start-up; the peer\'s and the ceilings\' DynamoDB Local was already running. The peer\'s restart keeps its table in the still-running DynamoDB Local.', '');

  lines.push('## Plot', '', `![deliveries/s at saturation and p99 at 10 msg/s against N, per target](${svgDir}${svgName})`, '');

  lines.push('## How it was measured', '');
  lines.push(
    `- Load generator: one sender process (${config.senders} Cognito users of the twin's pool, HTTP keep-alive) and one or two subscriber processes (${config.readers} reader users, one socket and one onNewMessage subscription per subscriber; the authorization in the \`?header=\` query, \`graphql-ws\`). Saturation: each sender sends its next message when the last is answered, ${config.saturationMs} ms. Steady: ${config.steady.ratePerSecond} msg/s for ${config.steady.durationMs} ms. Burst: an open loop at ${config.burst.ratePerSecond} msg/s for ${config.burst.durationMs} ms, at most ${config.burst.maxInFlight} requests in flight. Many rooms: ${config.manyRooms.rooms} rooms × ${config.manyRooms.subscribersPerRoom} subscribers, senders spreading over the rooms.`,
  );
  lines.push('- The peer gets the same users: each twin token\'s claims (sub, username, cognito:groups) signed again under a `https://cognito-idp.` issuer, which is how the simulator tells a user-pool token (it checks no signature). Its memberships are written to its table directly. Its sendMessage is GetItem (membership), conditional PutItem (send record), conditional PutItem (message); the simulator has no TransactWriteItems and reads each written item back. Its subscription has no membership check, and in this version (2.16.20) it does not filter by arguments either: `asyncIterator(trigger)` calls `withFilter(...)()` of graphql-subscriptions without the variables of the subscription, so `filterSubscriptions` sees none and passes every message to every onNewMessage subscriber. In the many-rooms case the peer therefore sends each message to the sockets of every room; those frames are counted as unexpected, not as deliveries. Its per-publish `console.warn` for every non-matching subscription is silenced.');
  lines.push('- The ceilings check nothing (no token, no GraphQL parsing): they bound what any server could do on this machine with this load generator.');
  lines.push('- Targets are measured one after another in one run (twin, peer, ceiling with PutItem, bare ceiling), each on fresh processes, each after one unrecorded warm-up run; the load generator runs on the same two cores as the server. Where a server\'s Node CPU stays well below 100 % at saturation, the server was not what limited the figure: the load generator and the other work on the machine were.');
  lines.push('- A retried sendMessage (same clientMessageId) is answered with the first message by the twin and with a ConditionalCheckFailed error by the peer; the benchmark sends no retries, so this difference is not exercised.');
  lines.push('- Every server\'s Node process listens with `--inspect` on a loopback port of its own; the harness uses it only in the idle-socket measurement, to run a full garbage collection (HeapProfiler.collectGarbage) and read `process.memoryUsage()` before and after the sockets connect. Kernel socket buffers are in neither figure.');
  lines.push('- Not measured here: the time of `npm test` (issue 11 lists it), and anything over TLS.');
  lines.push('', '## Commands', '');
  lines.push('```sh', 'npm run bench:e2e               # about 8 minutes: writes build/bench/e2e.md, e2e.json, e2e-deliveries.svg (git-ignored)', 'npm run bench:e2e -- --quick     # about a minute, one run of the small cases: a smoke check', 'npm run bench:e2e -- --save      # the same, and writes BENCHMARKS.md and bench/results/e2e-deliveries.svg', 'npx jest test/bench              # the harness\'s own smoke test (smallest case against a real twin)', '```', '');
  return `${lines.join('\n')}\n`;
}
