// Benchmark of the local EvaluateCode: a typical DynamoDB resolver and an RDS resolver (request,
// then response) run cold (first call per code string), warm (the same code again and again), and,
// as the ceiling, the same handlers as plain Node functions on the same library with the same
// JSON.parse of the context and JSON.stringify of the result. Run: npm run bench (the table goes to
// build/bench/evaluate.md, git-ignored; `npm run bench -- --save` updates bench/results/evaluate.md).
import { cpus } from 'node:os';
import { writeFileSync } from 'node:fs';
import { resultsPath } from './results-path';
import type { EvaluateCodeCommandOutput } from '@aws-sdk/client-appsync';
import { evaluateCode } from '../local/runtime/evaluate-code';
import { engineStats } from '../local/runtime/engine';
import { compileModule } from '../local/runtime/compile';
import { Realm } from '../local/runtime/realm';
import { REALM_LIMITS } from '../local/runtime/limits';
import { createHostBridge } from '../local/runtime/host-bridge';
import { createAppSyncModules } from '../local/runtime/sandbox/lib/index';
import { newEvaluationRecord, type EvaluationRecord } from '../local/runtime/sandbox/contract';

const RUNTIME = { name: 'APPSYNC_JS', runtimeVersion: '1.0.0' } as const;

/** A sendMessage-like resolver as esbuild emits it: validate, build a conditional PutItem, check the result. */
const CODE = `import { util } from "@aws-appsync/utils";
import * as ddb from "@aws-appsync/utils/dynamodb";
function request(ctx) {
  const { roomId, content } = ctx.args;
  if (content.trim().length === 0) {
    util.error("Content must not be empty", "ValidationError");
  }
  const id = util.autoUlid();
  const createdAt = util.time.nowISO8601();
  ctx.stash.messageId = id;
  return ddb.put({
    key: { PK: \`ROOM#\${roomId}\`, SK: \`MSG#\${id}\` },
    item: { roomId, id, senderId: ctx.identity.sub, sender: ctx.identity.username, content, createdAt, deleted: false },
    condition: { PK: { attributeExists: false } },
  });
}
function response(ctx) {
  if (ctx.error) {
    util.error(ctx.error.message, ctx.error.type);
  }
  return ctx.result;
}
export { request, response };
`;

/** A getPerson-like RDS resolver: a PostgreSQL select with a condition, rows read back with toJsonObject. */
const RDS_CODE = `import { util } from "@aws-appsync/utils";
import { select, createPgStatement, toJsonObject } from "@aws-appsync/utils/rds";
function request(ctx) {
  const { id } = ctx.args;
  return createPgStatement(select({
    table: "persons",
    columns: ["id", "name", "createdAt"],
    where: { id: { eq: id }, deleted: { ne: true } },
    limit: 1,
  }));
}
function response(ctx) {
  if (ctx.error) {
    util.error(ctx.error.message, ctx.error.type);
  }
  return toJsonObject(ctx.result)[0][0];
}
export { request, response };
`;
const rdsRequestContext = JSON.stringify({ arguments: { id: 7 }, identity: { sub: 'u-123', username: 'alice' }, stash: {} });
const rdsResponseContext = JSON.stringify({
  arguments: { id: 7 },
  stash: {},
  result: JSON.stringify({
    sqlStatementResults: [{
      numberOfRecordsUpdated: 0,
      records: [[{ longValue: 7 }, { stringValue: 'Ada' }, { stringValue: '2026-01-01 00:00:00' }]],
      columnMetadata: [{ name: 'id', label: 'id' }, { name: 'name', label: 'name' }, { name: 'createdAt', label: 'createdAt' }],
    }],
  }),
});

/** The same resolver with a `replace` call: the engine arms vm's watchdog (a thread per call) for it. */
const WATCHDOG_CODE = CODE.replace('const { roomId, content } = ctx.args;', "const { roomId } = ctx.args;\n  const content = ctx.args.content.replace('\\r', '');");

const identity = { sub: 'u-123', username: 'alice', groups: ['Members'], issuer: 'https://cognito-idp.local/pool', claims: {} };
const args = { roomId: '01HZX3N5Q8ROOM', content: 'Hello, room!' };
const requestContext = JSON.stringify({ arguments: args, identity, stash: {} });
const responseContext = JSON.stringify({
  arguments: args,
  identity,
  stash: { messageId: '01HZX3N5Q8MSG' },
  result: { PK: 'ROOM#01HZX3N5Q8ROOM', SK: 'MSG#01HZX3N5Q8MSG', roomId: args.roomId, id: '01HZX3N5Q8MSG', senderId: 'u-123', sender: 'alice', content: args.content, createdAt: '2026-01-01T00:00:00.000Z', deleted: false },
});

/** Bounds: every case stops at its count or its time budget, whichever comes first. */
const LIMITS = {
  cold: { count: 30, ms: 60_000 },
  warm: { count: 20_000, ms: 8_000 },
  watchdog: { count: 5_000, ms: 8_000 },
  realmPerCall: { count: 300, ms: 8_000 },
  ceiling: { count: 200_000, ms: 4_000 },
  rdsCold: { count: 30, ms: 60_000 },
  rdsWarm: { count: 20_000, ms: 8_000 },
  rdsCeiling: { count: 200_000, ms: 4_000 },
};

interface Measurement {
  name: string;
  /** Handler evaluations in one sample: 2 for a request+response pair, 1 for a single call. */
  callsPerSample: number;
  /** Latency of every sample, in nanoseconds. */
  samples: number[];
  totalNs: number;
}

function check(output: EvaluateCodeCommandOutput): void {
  if (output.error !== undefined) throw new Error(`benchmark resolver failed: ${JSON.stringify(output.error)}`);
}

async function measure(
  name: string,
  limit: { count: number; ms: number },
  callsPerSample: number,
  call: (i: number) => Promise<void> | void,
): Promise<Measurement> {
  const samples: number[] = [];
  const started = process.hrtime.bigint();
  const deadline = started + BigInt(limit.ms) * 1_000_000n;
  for (let i = 0; i < limit.count; i++) {
    const t0 = process.hrtime.bigint();
    await call(i);
    const t1 = process.hrtime.bigint();
    samples.push(Number(t1 - t0));
    if (t1 > deadline) break;
  }
  return { name, callsPerSample, samples, totalNs: Number(process.hrtime.bigint() - started) };
}

function meanPerCall(m: Measurement): number {
  return m.samples.reduce((a, b) => a + b, 0) / m.samples.length / m.callsPerSample;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Each call evaluates one handler; a request+response pair is two calls. */
async function evaluatePair(code: string): Promise<void> {
  await evaluateRequest(code);
  check(await evaluateCode({ runtime: RUNTIME, code, context: responseContext, function: 'response' }));
}

async function evaluateRequest(code: string): Promise<void> {
  check(await evaluateCode({ runtime: RUNTIME, code, context: requestContext, function: 'request' }));
}

async function evaluateRdsPair(code: string): Promise<void> {
  await evaluateRdsRequest(code);
  check(await evaluateCode({ runtime: RUNTIME, code, context: rdsResponseContext, function: 'response' }));
}

async function evaluateRdsRequest(code: string): Promise<void> {
  check(await evaluateCode({ runtime: RUNTIME, code, context: rdsRequestContext, function: 'request' }));
}

/** The RDS ceiling: the same two handlers as plain functions on the same rds module. */
function plainRdsHandlers(): () => void {
  let record: EvaluationRecord = newEvaluationRecord();
  const { util, rds } = createAppSyncModules(createHostBridge(Date.now), () => record, () => 'User Pool Authorization');
  type Ctx = { args: { id: number }; error?: { message: string; type: string }; result?: string; stash: Record<string, unknown> };
  const request = (ctx: Ctx): unknown =>
    rds.createPgStatement(rds.select({ table: 'persons', columns: ['id', 'name', 'createdAt'], where: { id: { eq: ctx.args.id }, deleted: { ne: true } }, limit: 1 }));
  const response = (ctx: Ctx): unknown => {
    if (ctx.error) util.error(ctx.error.message, ctx.error.type);
    return (rds.toJsonObject(ctx.result) ?? [[]])[0][0];
  };
  const run = (handler: (ctx: Ctx) => unknown, contextJson: string): void => {
    record = newEvaluationRecord();
    const parsed = JSON.parse(contextJson) as Ctx & { arguments: { id: number } };
    const ctx = { ...parsed, args: parsed.arguments };
    JSON.stringify(handler(ctx));
    JSON.stringify(ctx.stash);
    JSON.stringify(record);
  };
  return () => {
    run(request, rdsRequestContext);
    run(response, rdsResponseContext);
  };
}

/** The design not taken: a new vm context (realm) for every evaluation, no static check. */
function realmPerCall(): () => void {
  const compiled = compileModule(CODE);
  if (!compiled.ok) throw new Error('benchmark resolver does not compile');
  const module = compiled.module;
  return () => {
    for (const [handler, contextJson] of [['request', requestContext], ['response', responseContext]] as const) {
      const outcome = new Realm(REALM_LIMITS).evaluate(module, handler, contextJson, '', 1000);
      if (outcome.kind !== 'return') throw new Error(`benchmark resolver failed: ${outcome.kind}`);
    }
  };
}

/** The ceiling: the same handlers as plain functions on the same library, in Node's own realm. */
function plainHandlers(): (i: number) => void {
  let record: EvaluationRecord = newEvaluationRecord();
  const modules = createAppSyncModules(createHostBridge(Date.now), () => record, () => 'User Pool Authorization');
  const { util } = modules;
  const ddb = modules.dynamodb as unknown as { put(input: unknown): unknown };
  type Ctx = { args: typeof args; identity: typeof identity; stash: Record<string, unknown>; error?: { message: string; type: string }; result?: unknown };
  const request = (ctx: Ctx): unknown => {
    const { roomId, content } = ctx.args;
    if (content.trim().length === 0) util.error('Content must not be empty', 'ValidationError');
    const id = util.autoUlid();
    const createdAt = util.time.nowISO8601();
    ctx.stash.messageId = id;
    return ddb.put({
      key: { PK: `ROOM#${roomId}`, SK: `MSG#${id}` },
      item: { roomId, id, senderId: ctx.identity.sub, sender: ctx.identity.username, content, createdAt, deleted: false },
      condition: { PK: { attributeExists: false } },
    });
  };
  const response = (ctx: Ctx): unknown => {
    if (ctx.error) util.error(ctx.error.message, ctx.error.type);
    return ctx.result;
  };
  const run = (handler: (ctx: Ctx) => unknown, contextJson: string): void => {
    record = newEvaluationRecord();
    const parsed = JSON.parse(contextJson) as Ctx & { arguments: typeof args };
    const ctx = { ...parsed, args: parsed.arguments };
    JSON.stringify(handler(ctx));
    JSON.stringify(ctx.stash);
    JSON.stringify(record);
  };
  return () => {
    run(request, requestContext);
    run(response, responseContext);
  };
}

function row(m: Measurement, ceilingPerCallNs: number | undefined): string {
  const perCall = m.samples.map((ns) => ns / m.callsPerSample).sort((a, b) => a - b);
  const calls = m.samples.length * m.callsPerSample;
  const callsPerSecond = calls / (m.totalNs / 1e9);
  const mean = perCall.reduce((a, b) => a + b, 0) / perCall.length;
  const versus = ceilingPerCallNs === undefined ? '1x' : `${(mean / ceilingPerCallNs).toFixed(1)}x`;
  const us = (ns: number) => (ns / 1000).toFixed(ns < 10_000 ? 2 : 0);
  return `| ${m.name} | ${calls} | ${Math.round(callsPerSecond).toLocaleString('en-US')} | ${us(percentile(perCall, 50))} | ${us(percentile(perCall, 99))} | ${versus} |`;
}

async function main(): Promise<void> {
  // Warm up the process once (bundle of the in-realm library, static checker, first realm), outside the figures.
  await evaluatePair(`${CODE}// warm-up\n`);

  // Only the first call of a code string is cold (the response call after it finds the code checked
  // and compiled), so each cold sample is that one request call.
  const cold = await measure('local EvaluateCode, cold (new code string: static check + compile + run)', LIMITS.cold, 1, (i) =>
    evaluateRequest(`${CODE}// variant ${i}\n`),
  );
  const statsBefore = engineStats();
  const warm = await measure('local EvaluateCode, warm (same code string)', LIMITS.warm, 2, () => evaluatePair(CODE));
  const statsAfter = engineStats();
  await evaluatePair(WATCHDOG_CODE);
  const watchdog = await measure('local EvaluateCode, warm, code that arms the vm watchdog (uses replace)', LIMITS.watchdog, 2, () => evaluatePair(WATCHDOG_CODE));
  const perCall = await measure('a new realm per evaluation (design not taken; no static check)', LIMITS.realmPerCall, 2, realmPerCall());
  const ceiling = await measure('plain Node functions (ceiling)', LIMITS.ceiling, 2, plainHandlers());
  const ceilingMean = meanPerCall(ceiling);

  await evaluateRdsPair(`${RDS_CODE}// warm-up\n`);
  const rdsCold = await measure('RDS resolver, cold (new code string: static check + compile + run)', LIMITS.rdsCold, 1, (i) =>
    evaluateRdsRequest(`${RDS_CODE}// variant ${i}\n`),
  );
  const rdsWarm = await measure('RDS resolver, warm (same code string)', LIMITS.rdsWarm, 2, () => evaluateRdsPair(RDS_CODE));
  const rdsCeiling = await measure('RDS resolver as plain Node functions (its ceiling)', LIMITS.rdsCeiling, 2, plainRdsHandlers());
  const rdsCeilingMean = meanPerCall(rdsCeiling);

  const lines = [
    '# Local EvaluateCode benchmark',
    '',
    `Measured ${new Date().toISOString()} with \`npm run bench\` on Node ${process.version}, ${cpus().length} CPU(s) (${cpus()[0]?.model ?? 'unknown'}), a machine shared with other work.`,
    'One call = one handler evaluation (request or response) of a sendMessage-like DynamoDB resolver or a getPerson-like RDS resolver (PostgreSQL select, toJsonObject). Cold samples are the first (request) call of a new code string; the other samples are request+response pairs; latencies are per call.',
    '',
    '| Case | Calls | Calls/s | p50 µs | p99 µs | Mean vs ceiling |',
    '|---|---:|---:|---:|---:|---:|',
    row(cold, ceilingMean),
    row(warm, ceilingMean),
    row(watchdog, ceilingMean),
    row(perCall, ceilingMean),
    row(ceiling, undefined),
    row(rdsCold, rdsCeilingMean),
    row(rdsWarm, rdsCeilingMean),
    row(rdsCeiling, undefined),
    '',
    'The DynamoDB rows are compared with the DynamoDB ceiling, the RDS rows with the RDS ceiling.',
    '',
    `Warm run: ${statsAfter.evaluations - statsBefore.evaluations} evaluations, ${statsAfter.realmsCreated - statsBefore.realmsCreated} realm(s) created (0 means the shared realm was reused throughout).`,
    '',
  ];
  const table = lines.join('\n');
  process.stdout.write(table);
  writeFileSync(resultsPath('evaluate.md'), table);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
