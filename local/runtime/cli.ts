// `evaluate-code`: the local stand-in for `aws appsync evaluate-code`, with the same flags, the
// same --query (JMESPath) and --output json|text|table, and the same printed answer. One
// difference on purpose: the exit code is 1 when the evaluation reports an error, so scripts and
// CI can rely on it; --aws-exit-status gives the AWS CLI's 0 (the call itself succeeded).
import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import type { AppSyncRuntime, EvaluateCodeCommandOutput, RuntimeName } from '@aws-sdk/client-appsync';
import { evaluateCode } from './evaluate-code';
import { applyQuery, formatAnswer, OUTPUT_FORMATS, QueryError, type OutputFormat } from './cli-output';

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

const IGNORED_EXAMPLES: Record<(typeof IGNORED_GLOBAL_OPTIONS)[number], string> = {
  '--region <value>': '--region eu-west-1',
  '--profile <value>': '--profile dev',
  '--endpoint-url <value>': '--endpoint-url https://appsync.eu-west-1.amazonaws.com',
  '--cli-binary-format <value>': '--cli-binary-format raw-in-base64-out',
  '--no-cli-pager': '--no-cli-pager',
  '--no-verify-ssl': '--no-verify-ssl',
  '--no-paginate': '--no-paginate',
};

/** Exit codes follow the AWS CLI: 252 for unusable arguments, 254 for a service error. */
export const EXIT = { ok: 0, evaluationError: 1, usage: 252, serviceError: 254 } as const;

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Columns of the terminal, for --output table (the AWS CLI's fallback is 80). */
  terminalWidth?: number;
}

/** Like Python's shutil.get_terminal_size(), which the AWS CLI uses: $COLUMNS, the terminal, else 80. */
function terminalWidth(): number {
  const fromEnv = Number(process.env.COLUMNS);
  if (Number.isInteger(fromEnv) && fromEnv > 0) return fromEnv;
  return process.stdout.columns ?? 80;
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
  query?: string;
  awsExitStatus?: boolean;
}

const EXAMPLES = `
Examples:
  # The request handler of a built resolver, with a sample context
  evaluate-code --runtime name=APPSYNC_JS,runtimeVersion=1.0.0 \\
    --code file://build/resolvers/Mutation.sendMessage.js \\
    --context file://test/fixtures/contexts/Mutation.sendMessage.request.json --function request

  # Only the request object, as text (JMESPath --query, like the AWS CLI)
  evaluate-code ... --query evaluationResult --output text

  # A table, and exit 0 even when the evaluation reports an error (as the AWS CLI does)
  evaluate-code ... --output table --aws-exit-status

Exit status: 0 success; 1 the evaluation reported an error (0 with --aws-exit-status);
252 bad arguments; 254 the request was refused (BadRequestException).
`;

export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  const program = new Command('evaluate-code')
    .description('Evaluates an APPSYNC_JS resolver or function handler locally, like `aws appsync evaluate-code`.')
    .requiredOption('--runtime <value>', 'shorthand or JSON, e.g. name=APPSYNC_JS,runtimeVersion=1.0.0')
    .requiredOption('--code <value>', 'the code, or a file, e.g. file://build/resolvers/Query.getRoom.js')
    .requiredOption('--context <value>', 'the ctx as JSON, or a file, e.g. file://test/fixtures/contexts/Query.getRoom.request.json')
    .option('--function <value>', 'the handler to run, request (the default) or response, e.g. --function response')
    .addOption(new Option('--output <format>', 'json, text or table, e.g. --output table').default('json'))
    .option('--query <expression>', 'JMESPath applied to the answer before it is printed, e.g. --query evaluationResult')
    .option('--aws-exit-status', "exit 0 when the answer carries an error, as the AWS CLI does, e.g. --aws-exit-status");
  // The AWS CLI's global options a script passes along; nothing here goes to AWS, so they are ignored.
  for (const flag of IGNORED_GLOBAL_OPTIONS) program.option(flag, `accepted for scripts written for the AWS CLI; ignored, e.g. ${IGNORED_EXAMPLES[flag]}`);
  program
    .helpOption('-h, --help', 'this help, e.g. evaluate-code --help')
    .addHelpText('after', EXAMPLES)
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });

  let flags: RawFlags;
  let input: Parameters<typeof evaluateCode>[0];
  try {
    program.parse([...argv], { from: 'user' });
    flags = program.opts<RawFlags>();
    if (!(OUTPUT_FORMATS as readonly string[]).includes(flags.output)) {
      throw new UsageError(`argument --output: Invalid choice '${flags.output}', valid choices are: ${OUTPUT_FORMATS.join(' | ')}`);
    }
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
  let answer: unknown;
  try {
    answer = applyQuery(printedAnswer(output), flags.query);
  } catch (error) {
    if (!(error instanceof QueryError)) throw error;
    io.stderr(`\nBad value for --query ${flags.query ?? ''}: ${error.message}\n`);
    return EXIT.usage;
  }
  io.stdout(formatAnswer(answer, flags.output as OutputFormat, io.terminalWidth ?? terminalWidth()));
  if (output.error === undefined || flags.awsExitStatus === true) return EXIT.ok;
  return EXIT.evaluationError;
}

/** The response without SDK metadata and absent members, keys in the service's order. */
export function printedAnswer(output: EvaluateCodeCommandOutput): Record<string, unknown> {
  const members = { evaluationResult: output.evaluationResult, error: output.error, logs: output.logs, stash: output.stash, outErrors: output.outErrors };
  return JSON.parse(JSON.stringify(members)) as Record<string, unknown>;
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
