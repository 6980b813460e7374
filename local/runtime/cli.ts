// `evaluate-code`: the local stand-in for `aws appsync evaluate-code`, with the same flags and
// the same printed JSON. Differences from the AWS CLI, on purpose: the exit code is 1 when the
// evaluation reports an error (the AWS CLI exits 0), so scripts and CI can rely on it.
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import type { AppSyncRuntime, EvaluateCodeCommandOutput, RuntimeName } from '@aws-sdk/client-appsync';
import { evaluateCode } from './evaluate-code';

/** AWS CLI global options that do not change a local evaluation. */
const IGNORED_GLOBAL_OPTIONS = [
  '--region <value>',
  '--profile <value>',
  '--endpoint-url <value>',
  '--cli-binary-format <value>',
  '--no-cli-pager',
  '--no-verify-ssl',
  '--no-paginate',
] as const;

/** Exit codes follow the AWS CLI: 252 for unusable arguments, 254 for a service error. */
export const EXIT = { ok: 0, evaluationError: 1, usage: 252, serviceError: 254 } as const;

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

interface RawFlags {
  runtime: string;
  code: string;
  context: string;
  function?: string;
  output: string;
}

export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  const program = new Command('evaluate-code')
    .description('Evaluates an APPSYNC_JS resolver or function handler locally, like `aws appsync evaluate-code`.')
    .requiredOption('--runtime <value>', 'name=APPSYNC_JS,runtimeVersion=1.0.0 (shorthand or JSON)')
    .requiredOption('--code <value>', 'the code, or file://path')
    .requiredOption('--context <value>', 'the context JSON, or file://path')
    .option('--function <value>', 'request or response')
    .option('--output <format>', 'output format (json only)', 'json');
  // The AWS CLI's global options a script passes along; nothing here goes to AWS, so they are ignored.
  for (const flag of IGNORED_GLOBAL_OPTIONS) program.option(flag, 'accepted for scripts written for the AWS CLI; ignored');
  program
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });

  let flags: RawFlags;
  let input: Parameters<typeof evaluateCode>[0];
  try {
    program.parse([...argv], { from: 'user' });
    flags = program.opts<RawFlags>();
    if (flags.output !== 'json') throw new UsageError(`argument --output: Invalid choice '${flags.output}': only json is supported`);
    input = {
      runtime: parseRuntime(flags.runtime),
      code: readValue(flags.code, '--code'),
      context: readValue(flags.context, '--context'),
      ...(flags.function === undefined ? {} : { function: flags.function }),
    };
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof UsageError) {
      io.stderr(`\n${error.message}\n`);
      return EXIT.usage;
    }
    throw error;
  }

  let output: EvaluateCodeCommandOutput;
  try {
    output = await evaluateCode(input);
  } catch (error) {
    const name = (error as { name?: string }).name ?? 'Error';
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`\nAn error occurred (${name}) when calling the EvaluateCode operation: ${message}\n`);
    return EXIT.serviceError;
  }
  io.stdout(`${formatOutput(output)}\n`);
  return output.error === undefined ? EXIT.ok : EXIT.evaluationError;
}

/** The response without SDK metadata, keys in the service's order, indented like the AWS CLI. */
export function formatOutput(output: EvaluateCodeCommandOutput): string {
  const printed = {
    evaluationResult: output.evaluationResult,
    error: output.error,
    logs: output.logs,
    stash: output.stash,
    outErrors: output.outErrors,
  };
  return JSON.stringify(printed, null, 4);
}

class UsageError extends Error {}

/** `file://path` reads the file (relative to the working directory); anything else is the value itself. */
function readValue(value: string, flag: string): string {
  if (!value.startsWith('file://')) return value;
  const path = value.slice('file://'.length);
  try {
    return readFileSync(path, 'utf8');
  } catch {
    throw new UsageError(`Error parsing parameter '${flag.slice(2)}': Unable to load paramfile ${value}: [Errno 2] No such file or directory: '${path}'`);
  }
}

/** `name=APPSYNC_JS,runtimeVersion=1.0.0` (AWS CLI shorthand) or `{"name":...,"runtimeVersion":...}`. */
function parseRuntime(value: string): AppSyncRuntime {
  const text = value.trim();
  if (text.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    if (typeof parsed === 'object' && parsed !== null) {
      const { name, runtimeVersion } = parsed as Record<string, unknown>;
      // The service, not the CLI, judges the values (as the AWS CLI leaves it to the service).
      if (typeof name === 'string' && typeof runtimeVersion === 'string') return { name: name as RuntimeName, runtimeVersion };
    }
    throw new UsageError(`Error parsing parameter 'runtime': expected {"name": ..., "runtimeVersion": ...}`);
  }
  const fields = new Map<string, string>();
  for (const pair of text.split(',')) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new UsageError(`Error parsing parameter 'runtime': Expected: '=', received: '${pair}' for input: ${value}`);
    fields.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
  }
  const name = fields.get('name');
  const runtimeVersion = fields.get('runtimeVersion');
  if (name === undefined || runtimeVersion === undefined) {
    throw new UsageError(`Error parsing parameter 'runtime': both name and runtimeVersion are required, got: ${value}`);
  }
  return { name: name as RuntimeName, runtimeVersion };
}
