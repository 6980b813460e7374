// The top costs of a V8 CPU profile (.cpuprofile, from `node --cpu-prof`; the e2e benchmark's
// twin writes one with BENCH_CPU_PROF_DIR): self time per function, per file and per package,
// as a share of the time the process was not idle.
//   npx tsx bench/profile-summary.ts <file.cpuprofile> [--top 25]
import { readFileSync } from 'node:fs';
import path from 'node:path';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface Cost {
  name: string;
  ms: number;
  /** Share of the busy (non-idle) time, 0..1. */
  share: number;
}

export interface ProfileSummary {
  busyMs: number;
  idleMs: number;
  functions: Cost[];
  files: Cost[];
  packages: Cost[];
  /** Time with the function anywhere on the stack (counted once per sample), the repository's own code only. */
  inclusive: Cost[];
}

const REPO_ROOT = path.join(__dirname, '..');

/** A file's path relative to the repository (node: and V8's own entries as they are). */
function fileOf(url: string): string {
  if (!url) return '(native or V8)';
  const file = url.startsWith('file://') ? new URL(url).pathname : url;
  return file.startsWith(REPO_ROOT) ? path.relative(REPO_ROOT, file) : file;
}

/** node_modules/<package> (scoped packages by scope and name), or the repository's top folders. */
function packageOf(file: string): string {
  const inModules = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
  if (inModules) return inModules[1] as string;
  if (file.startsWith('node:')) return 'node: (core)';
  const parts = file.split('/');
  return parts.length > 2 ? parts.slice(0, 2).join('/') : file;
}

function ranked(totals: Map<string, number>, busyMs: number): Cost[] {
  return [...totals].map(([name, ms]) => ({ name, ms, share: ms / busyMs })).sort((a, b) => b.ms - a.ms);
}

export function summariseProfile(profile: CpuProfile): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  // Self time of a node: the time deltas of its samples (sample i lasted timeDeltas[i + 1]).
  const selfMs = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i] as number;
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    selfMs.set(id, (selfMs.get(id) ?? 0) + ms);
  }
  const functions = new Map<string, number>();
  const files = new Map<string, number>();
  const packages = new Map<string, number>();
  let idleMs = 0;
  let busyMs = 0;
  for (const [id, ms] of selfMs) {
    const frame = (byId.get(id) as ProfileNode).callFrame;
    if (frame.functionName === '(idle)') {
      idleMs += ms;
      continue;
    }
    busyMs += ms;
    const file = fileOf(frame.url);
    const fn = functionName(frame);
    functions.set(fn, (functions.get(fn) ?? 0) + ms);
    files.set(file, (files.get(file) ?? 0) + ms);
    const pkg = packageOf(file);
    packages.set(pkg, (packages.get(pkg) ?? 0) + ms);
  }
  return { busyMs, idleMs, functions: ranked(functions, busyMs), files: ranked(files, busyMs), packages: ranked(packages, busyMs), inclusive: ranked(inclusiveTimes(profile, byId, selfMs), busyMs) };
}

function functionName(frame: CallFrame): string {
  return `${frame.functionName || '(anonymous)'} ${frame.url ? `${fileOf(frame.url)}:${frame.lineNumber + 1}` : ''}`.trim();
}

/** The repository's own functions (not node_modules, not Node's), by time spent in them or below. */
function inclusiveTimes(profile: CpuProfile, byId: Map<number, ProfileNode>, selfMs: Map<number, number>): Map<string, number> {
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const totals = new Map<string, number>();
  for (const [id, ms] of selfMs) {
    if ((byId.get(id) as ProfileNode).callFrame.functionName === '(idle)') continue;
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = (byId.get(at) as ProfileNode).callFrame;
      const file = fileOf(frame.url);
      if (!frame.url || file.startsWith('/') || file.startsWith('node:') || file.includes('node_modules')) continue;
      const name = functionName(frame);
      if (seen.has(name)) continue;
      seen.add(name);
      totals.set(name, (totals.get(name) ?? 0) + ms);
    }
  }
  return totals;
}

function table(title: string, costs: Cost[], top: number): string {
  const rows = costs.slice(0, top).map((c) => `${(c.share * 100).toFixed(1).padStart(5)} %  ${c.ms.toFixed(0).padStart(7)} ms  ${c.name}`);
  return [`${title}`, ...rows].join('\n');
}

export function renderSummary(summary: ProfileSummary, top: number): string {
  return [
    `busy ${summary.busyMs.toFixed(0)} ms, idle ${summary.idleMs.toFixed(0)} ms (shares below are of the busy time)`,
    '',
    table('self time by function', summary.functions, top),
    '',
    table('self time by file', summary.files, top),
    '',
    table('self time by package or folder', summary.packages, top),
    '',
    table("the repository's functions, time in them or below", summary.inclusive, top),
  ].join('\n');
}

if (require.main === module) {
  const file = process.argv[2];
  if (!file) {
    process.stderr.write('usage: tsx bench/profile-summary.ts <file.cpuprofile> [--top N]\n');
    process.exit(2);
  }
  const topAt = process.argv.indexOf('--top');
  const top = topAt >= 0 ? Number(process.argv[topAt + 1]) : 25;
  process.stdout.write(`${renderSummary(summariseProfile(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile), top)}\n`);
}
