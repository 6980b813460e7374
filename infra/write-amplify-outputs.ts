/**
 * Writes amplify_outputs.json for a deployed chat stack, from the file
 * `npx cdk deploy --outputs-file cdk-outputs.json` leaves behind (works offline):
 *
 *   npx tsx infra/write-amplify-outputs.ts [--outputs-file cdk-outputs.json] [--stack ChatApi] [--out amplify_outputs.json]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { Command } from 'commander';
import { AmplifyOutputsError, stackOutputsFromFile, toAmplifyOutputs, type AmplifyOutputsFile } from './amplify-outputs';
import { DEFAULT_STACK_NAME } from './stack-outputs';

export interface WriteAmplifyOutputsOptions {
  outputsFile: string;
  stackName: string;
  outFile: string;
}

/** Reads, converts, then writes: on any error nothing is written. */
export function writeAmplifyOutputs(options: WriteAmplifyOutputsOptions): AmplifyOutputsFile {
  let content: string;
  try {
    content = readFileSync(options.outputsFile, 'utf8');
  } catch {
    throw new AmplifyOutputsError(
      'OutputsFileNotFound',
      `Cannot read ${options.outputsFile}: deploy with \`npx cdk deploy --outputs-file ${options.outputsFile}\` first`,
    );
  }
  const outputs = toAmplifyOutputs(stackOutputsFromFile(content, options.stackName));
  writeFileSync(options.outFile, `${JSON.stringify(outputs, null, 2)}\n`);
  return outputs;
}

function main(argv: string[]): void {
  const options = new Command('write-amplify-outputs')
    .description('Write amplify_outputs.json (Amplify v6 Gen2 format) from the chat stack outputs')
    .option('--outputs-file <path>', 'file written by cdk deploy --outputs-file', 'cdk-outputs.json')
    .option('--stack <name>', 'stack name', DEFAULT_STACK_NAME)
    .option('--out <path>', 'file to write', 'amplify_outputs.json')
    .parse(argv)
    .opts<{ outputsFile: string; stack: string; out: string }>();
  try {
    const written = writeAmplifyOutputs({ outputsFile: options.outputsFile, stackName: options.stack, outFile: options.out });
    console.log(`Wrote ${options.out} for ${written.data.url}`);
  } catch (error) {
    if (!(error instanceof AmplifyOutputsError)) throw error;
    console.error(`${error.code}: ${error.message}`);
    process.exitCode = 1;
  }
}

if (require.main === module) main(process.argv);
