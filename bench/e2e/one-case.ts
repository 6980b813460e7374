/**
 * One case on chosen targets (bench/e2e.ts --case n1-saturation --target twin,ceiling-put), to
 * measure a change in well under a minute: every chosen target is started and warmed up, then
 * the runs alternate between them (twin run 1, ceiling run 1, twin run 2, ...), so the ratio is
 * read from runs made in the same seconds of a noisy machine. The twin is always started: its
 * pool makes the users whose tokens every target is driven with.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DynamoDBLocal } from '../../local/dynamodb-local';
import type { BenchConfig, CaseSelection } from './config';
import { startCpuProfile } from './cpu-profile';
import { openCase, type CaseResult, type OpenCase, type TargetResult } from './measure-target';
import { asPeerTokens, populateTwin, type Population } from './population';
import { spread } from './summary';
import { seedPeerMemberships, startCeilingTarget, startPeerTarget, startSharedDynamoDBLocal, startTwinTarget, type RunningTarget, type TargetName } from './targets';

export interface OneCaseOptions {
  /** Each target's process is CPU-profiled over the recorded runs (after the warm-up), written here as <target>-<case>.cpuprofile. */
  profileDir?: string;
  /**
   * The twin's DynamoDB Local in memory, as the peer's and the ceiling's are, instead of on a
   * data directory as npm start and the full run have it.
   */
  twinInMemory?: boolean;
}

export async function runOneCase(selection: CaseSelection, names: readonly TargetName[], config: BenchConfig, log: (line: string) => void, options: OneCaseOptions = {}): Promise<TargetResult[]> {
  const { profileDir } = options;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'bench-e2e-twin-'));
  const running: RunningTarget[] = [];
  const open: OpenCase[] = [];
  let dynamodb: DynamoDBLocal | null = null;
  try {
    const twin = await startTwinTarget(options.twinInMemory ? null : dataDir);
    running.push(twin);
    log(`twin answered ${Math.round(twin.startupMs)} ms after spawn (DynamoDB Local ${options.twinInMemory ? 'in memory' : 'on a data directory'})`);
    const population = await populateTwin(twin.info, { senders: config.senders, readers: config.readers, manyRooms: 0 });
    const populations = new Map<TargetName, Population>([['twin', population]]);
    if (names.some((n) => n === 'peer' || n === 'ceilingWrite')) dynamodb = await startSharedDynamoDBLocal();
    const targets = new Map<TargetName, RunningTarget>([['twin', twin]]);
    for (const name of names) {
      if (targets.has(name)) continue;
      let target: RunningTarget;
      if (name === 'peer') {
        await seedPeerMemberships((dynamodb as DynamoDBLocal).endpoint, population);
        populations.set('peer', await asPeerTokens(population));
        target = await startPeerTarget(dynamodb as DynamoDBLocal);
      } else {
        target = await startCeilingTarget(name === 'ceilingWrite' ? dynamodb : null);
      }
      running.push(target);
      targets.set(name, target);
    }
    for (const name of names) open.push(await openCase(targets.get(name) as RunningTarget, populations.get(name) ?? population, config, selection, log));
    const results: TargetResult[] = open.map((c) => ({ target: c.target.name, startupMs: c.target.startupMs, groups: [c.setup], cases: [{ caseId: c.caseId, runs: [], processes: [] }] }));
    if (profileDir) mkdirSync(profileDir, { recursive: true });
    const profiles = profileDir ? await Promise.all(open.map((c) => startCpuProfile(c.target.inspectorPort))) : [];
    for (let run = 0; run < config.runs; run++) {
      for (const [i, c] of open.entries()) {
        const { figures, processes } = await c.run();
        const entry = (results[i] as TargetResult).cases[0] as CaseResult;
        entry.runs.push(figures);
        entry.processes.push(processes);
      }
    }
    for (const [i, profile] of profiles.entries()) {
      const c = open[i] as OpenCase;
      const file = path.join(profileDir as string, `${c.target.name}-${c.caseId}.cpuprofile`);
      await profile.stopAndWrite(file);
      log(`CPU profile of ${c.target.name} over its recorded runs: ${path.relative(process.cwd(), file)}`);
    }
    return results;
  } finally {
    for (const c of open) await c.close();
    for (const target of running) await target.stop();
    await dynamodb?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The case's figures per target (medians of the runs), and the first target's accepted/s as a ratio to each. */
export function oneCaseSummary(results: readonly TargetResult[]): string {
  const rows = results.map((t) => {
    const entry = t.cases[0] as CaseResult;
    return {
      target: t.target,
      accepted: spread(entry.runs.map((r) => r.acceptedPerSecond)),
      p50: spread(entry.runs.map((r) => r.latencyMs.p50)).median,
      p99: spread(entry.runs.map((r) => r.latencyMs.p99)).median,
      nodeCpu: spread(entry.processes.map((p) => p.node?.cpuPercent ?? Number.NaN)).median,
      jvmCpu: spread(entry.processes.map((p) => p.jvm?.cpuPercent ?? Number.NaN)).median,
      // CPU per accepted message: what a change costs or saves, less moved by a busy machine than msg/s.
      nodeMsPerMessage: spread(entry.processes.map((p, i) => ((p.node?.cpuSeconds ?? Number.NaN) * 1000) / (entry.runs[i]?.accepted ?? Number.NaN))).median,
      jvmMsPerMessage: spread(entry.processes.map((p, i) => ((p.jvm?.cpuSeconds ?? Number.NaN) * 1000) / (entry.runs[i]?.accepted ?? Number.NaN))).median,
      lost: entry.runs.reduce((sum, r) => sum + r.lost + r.duplicated + r.unexpected, 0),
    };
  });
  const first = rows[0];
  const lines = ['target        accepted/s (min-max)    first ÷ this   p50 ms  p99 ms  node CPU %  JVM CPU %  node CPU ms/msg  JVM CPU ms/msg  lost+dup+unexpected'];
  for (const row of rows) {
    const ratio = first ? (first.accepted.median / row.accepted.median).toFixed(2) : '—';
    lines.push(
      `${row.target.padEnd(13)} ${`${row.accepted.median.toFixed(0)} (${row.accepted.min.toFixed(0)}-${row.accepted.max.toFixed(0)})`.padEnd(23)} ${`${ratio}×`.padEnd(12)} ${row.p50.toFixed(1).padStart(6)}  ${row.p99.toFixed(1).padStart(6)}  ${row.nodeCpu.toFixed(0).padStart(10)}  ${row.jvmCpu.toFixed(0).padStart(9)}  ${row.nodeMsPerMessage.toFixed(2).padStart(15)}  ${row.jvmMsPerMessage.toFixed(2).padStart(14)}  ${row.lost}`,
    );
  }
  return lines.join('\n');
}
