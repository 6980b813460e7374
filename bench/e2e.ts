// End-to-end benchmark of the whole path (issue 11 §1): authenticated senders in their own
// process send sendMessage over HTTP; N subscribers in their own processes receive onNewMessage
// over the AppSync realtime protocol. Against, in turn: the twin (with its own DynamoDB Local),
// the peer (@aws-amplify/amplify-appsync-simulator, VTL resolvers, DynamoDB Local), and the
// ceilings: a bare `ws` broadcast server, and the same with one DynamoDB Local PutItem per
// message. Everything on 127.0.0.1.
//   npm run bench:e2e [-- --quick] [-- --save] [-- --twin-on-disk]
// The full run measures the twin with its DynamoDB Local in memory, as the others keep theirs
// (--twin-on-disk: on a data directory, as npm start does); start-up is timed on a data directory.
//   npm run bench:e2e -- --case n1-saturation [--target twin,ceiling-put] [--runs 3] [--profile build/prof] [--twin-in-memory]
// The second form runs one case alone on the chosen targets (twin, peer, ceiling-put, ceiling;
// default all four), alternating their runs, and prints the figures (see e2e/one-case.ts);
// --profile writes a CPU profile of each target's process over its recorded runs; --twin-in-memory
// runs the twin's DynamoDB Local in memory, as the peer's and the ceiling's are.
// BENCH_CPU_PROF_DIR=build/prof: the twin's process is run with --cpu-prof and writes a profile
// of its whole life there when stopped (targets.ts). Read either with bench/profile-summary.ts.
// Results: build/bench/e2e.json and e2e.md (git-ignored); --save writes BENCHMARKS.md and
// bench/results/e2e-deliveries.svg.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { monotonicMs } from './e2e/clock';
import { FULL, parseCaseOption, parseTargetOption, QUICK } from './e2e/config';
import { measureTarget, type TargetResult } from './e2e/measure-target';
import { oneCaseSummary, runOneCase } from './e2e/one-case';
import { asPeerTokens, populateTwin } from './e2e/population';
import { renderPlot } from './e2e/plot';
import { renderReport, type BenchResults } from './e2e/report';
import { seedPeerMemberships, startCeilingTarget, startPeerTarget, startSharedDynamoDBLocal, startTwinTarget } from './e2e/targets';
import { resultsPath } from './results-path';

/** The value after `--name`, if given. */
function option(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

const baseConfig = process.argv.includes('--quick') ? QUICK : FULL;
const runsOption = option('--runs');
const config = runsOption ? { ...baseConfig, runs: Number(runsOption) } : baseConfig;
const save = process.argv.includes('--save');
const twinOnDisk = process.argv.includes('--twin-on-disk');
const caseOption = option('--case');
const targetOption = option('--target');
const began = monotonicMs();
const log = (line: string): void => void process.stderr.write(`[${((monotonicMs() - began) / 1000).toFixed(1)} s] ${line}\n`);

/** --case: one case on the chosen targets; results in build/bench/e2e-case.json, never BENCHMARKS.md. */
async function mainOneCase(caseName: string): Promise<void> {
  if (save) throw new Error('--save writes the full report: it does not go with --case');
  const selection = parseCaseOption(caseName);
  const names = parseTargetOption(targetOption ?? 'twin,peer,ceiling-put,ceiling');
  const loadBefore = loadavg();
  const profileDir = option('--profile');
  const twinInMemory = process.argv.includes('--twin-in-memory');
  const targets = await runOneCase(selection, names, config, log, { profileDir: profileDir && path.resolve(profileDir), twinInMemory });
  const seconds = (monotonicMs() - began) / 1000;
  writeFileSync(resultsPath('e2e-case.json', []), `${JSON.stringify({ case: caseName, config, seconds, loadAverage: { before: loadBefore, after: loadavg() }, node: process.version, targets }, null, 2)}\n`);
  process.stdout.write(`${caseName}, ${config.runs} runs of each target, alternating; the twin's DynamoDB Local ${twinInMemory ? 'in memory' : 'on a data directory'}; load average before ${loadBefore.map((l) => l.toFixed(2)).join(' ')}, after ${loadavg().map((l) => l.toFixed(2)).join(' ')}\n${oneCaseSummary(targets)}\n`);
  log(`done in ${seconds.toFixed(0)} s: build/bench/e2e-case.json`);
}

async function main(): Promise<void> {
  if (targetOption && !caseOption) throw new Error('--target chooses the targets of one case: give --case too');
  if (caseOption) return mainOneCase(caseOption);
  const loadBefore = loadavg();
  const targets: TargetResult[] = [];
  const dataDir = mkdtempSync(path.join(tmpdir(), 'bench-e2e-twin-'));
  try {
    // The twin first: its pool makes the users whose tokens every target is driven with. Its
    // DynamoDB Local runs in memory, as the peer's and the ceiling's do, unless --twin-on-disk:
    // on a data directory SQLite's writes cost its JVM about twice as much per message.
    const twin = await startTwinTarget(twinOnDisk ? dataDir : null);
    log(`twin answered ${Math.round(twin.startupMs)} ms after spawn (cold, ${twinOnDisk ? 'empty data directory' : 'in memory'})`);
    const population = await populateTwin(twin.info, { senders: config.senders, readers: config.readers, manyRooms: config.manyRooms.rooms });
    log(`twin populated: ${population.senders.length} senders, ${population.readers.length} readers, ${1 + population.manyRooms.length} rooms`);
    const twinResult = await measureTarget(twin, population, config, log);
    await twin.stop();
    if (!twinOnDisk) {
      // The start-up figures are of a data directory, as npm start keeps one: cold, then restarted on it.
      const cold = await startTwinTarget(dataDir);
      twinResult.startupMs = cold.startupMs;
      await populateTwin(cold.info, { senders: config.senders, readers: config.readers, manyRooms: config.manyRooms.rooms });
      await cold.stop();
    }
    const again = await startTwinTarget(dataDir);
    twinResult.restartWithDataMs = again.startupMs;
    log(`twin answered ${Math.round(again.startupMs)} ms after spawn (restart on its data directory)`);
    await again.stop();
    targets.push(twinResult);

    const dynamodb = await startSharedDynamoDBLocal();
    try {
      await seedPeerMemberships(dynamodb.endpoint, population);
      const peerPopulation = await asPeerTokens(population);
      const peer = await startPeerTarget(dynamodb);
      log(`peer answered ${Math.round(peer.startupMs)} ms after spawn (DynamoDB Local already up)`);
      const peerResult = await measureTarget(peer, peerPopulation, config, log);
      await peer.stop();
      const peerAgain = await startPeerTarget(dynamodb);
      peerResult.restartWithDataMs = peerAgain.startupMs;
      await peerAgain.stop();
      targets.push(peerResult);

      for (const withWrite of [true, false]) {
        const ceiling = await startCeilingTarget(withWrite ? dynamodb : null);
        targets.push(await measureTarget(ceiling, population, config, log));
        await ceiling.stop();
      }
    } finally {
      await dynamodb.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }

  const results: BenchResults = {
    quick: config.quick,
    runs: config.runs,
    config,
    seconds: (monotonicMs() - began) / 1000,
    loadAverage: { before: loadBefore, after: loadavg() },
    node: process.version,
    twinStorage: twinOnDisk ? 'data directory' : 'memory',
    targets,
  };
  writeFileSync(resultsPath('e2e.json', []), `${JSON.stringify(results, null, 2)}\n`);
  const svgPath = resultsPath('e2e-deliveries.svg');
  writeFileSync(svgPath, await renderPlot(results));
  const markdown = renderReport(results, path.basename(svgPath), save ? 'bench/results/' : '');
  const reportPath = save ? path.join(__dirname, '..', 'BENCHMARKS.md') : resultsPath('e2e.md');
  writeFileSync(reportPath, markdown);
  log(`done in ${results.seconds.toFixed(0)} s: ${path.relative(process.cwd(), reportPath)}, ${path.relative(process.cwd(), svgPath)}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`the end-to-end benchmark failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
