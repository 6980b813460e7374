/** Medians and spreads of a case's runs, per figure, for the report and the plot. */
import type { CaseResult, TargetResult } from './measure-target';

export interface Spread {
  median: number;
  min: number;
  max: number;
}

export function spread(values: readonly number[]): Spread {
  const finite = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (finite.length === 0) return { median: Number.NaN, min: Number.NaN, max: Number.NaN };
  const mid = Math.floor(finite.length / 2);
  const median = finite.length % 2 ? (finite[mid] as number) : ((finite[mid - 1] as number) + (finite[mid] as number)) / 2;
  return { median, min: finite[0] as number, max: finite[finite.length - 1] as number };
}

/** The figures a report row can name, each read from one run of a case. */
export const FIGURES = {
  acceptedPerSecond: { label: 'messages accepted/s', read: (c: CaseResult, i: number) => c.runs[i]?.acceptedPerSecond, higherIsBetter: true },
  deliveriesPerSecond: { label: 'deliveries/s', read: (c: CaseResult, i: number) => c.runs[i]?.deliveriesPerSecond, higherIsBetter: true },
  p50: { label: 'send-to-receive p50, ms', read: (c: CaseResult, i: number) => c.runs[i]?.latencyMs.p50, higherIsBetter: false },
  p95: { label: 'send-to-receive p95, ms', read: (c: CaseResult, i: number) => c.runs[i]?.latencyMs.p95, higherIsBetter: false },
  p99: { label: 'send-to-receive p99, ms', read: (c: CaseResult, i: number) => c.runs[i]?.latencyMs.p99, higherIsBetter: false },
  max: { label: 'send-to-receive max, ms', read: (c: CaseResult, i: number) => c.runs[i]?.latencyMs.max, higherIsBetter: false },
  ackP99: { label: 'send-to-answer p99 (HTTP), ms', read: (c: CaseResult, i: number) => c.runs[i]?.ackP99Ms, higherIsBetter: false },
  nodeCpu: { label: 'server Node CPU %', read: (c: CaseResult, i: number) => c.processes[i]?.node?.cpuPercent, higherIsBetter: false },
  jvmCpu: { label: 'DynamoDB Local JVM CPU %', read: (c: CaseResult, i: number) => c.processes[i]?.jvm?.cpuPercent, higherIsBetter: false },
  nodeRss: { label: 'server Node peak RSS, MiB', read: (c: CaseResult, i: number) => c.processes[i]?.node?.peakRssMiB, higherIsBetter: false },
  jvmRss: { label: 'DynamoDB Local JVM peak RSS, MiB', read: (c: CaseResult, i: number) => c.processes[i]?.jvm?.peakRssMiB, higherIsBetter: false },
} as const;

export type FigureName = keyof typeof FIGURES;

export function caseOf(target: TargetResult | undefined, caseId: string): CaseResult | undefined {
  return target?.cases.find((c) => c.caseId === caseId);
}

export function figureSpread(target: TargetResult | undefined, caseId: string, figure: FigureName): Spread | null {
  const entry = caseOf(target, caseId);
  if (!entry) return null;
  const values = entry.runs.map((_, i) => FIGURES[figure].read(entry, i)).filter((v): v is number => v !== undefined);
  return values.length ? spread(values) : null;
}
