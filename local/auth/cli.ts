// `twin-users`: manage users of a RUNNING twin's user pool through the AWS SDK's Cognito client,
// signed with the twin's local credentials. Endpoint and pool id come from the twin's
// amplify_outputs.json unless given as flags.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminListGroupsForUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  ListUsersCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { Command } from 'commander';
import { CREDENTIALS_FILE, IN_MEMORY_CREDENTIALS, loadLocalCredentials } from './local-credentials';

interface GlobalOptions {
  outputs: string;
  endpoint?: string;
  userPoolId?: string;
  dataDir: string;
  accessKeyId?: string;
  secretAccessKey?: string;
}

interface Target {
  client: CognitoIdentityProviderClient;
  userPoolId: string;
}

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

interface AmplifyOutputs {
  auth?: { user_pool_id?: string };
  data?: { url?: string };
}

function connect(options: GlobalOptions): Target {
  const outputsPath = resolve(options.outputs);
  const outputs: AmplifyOutputs = existsSync(outputsPath) ? (JSON.parse(readFileSync(outputsPath, 'utf8')) as AmplifyOutputs) : {};
  const userPoolId = options.userPoolId ?? outputs.auth?.user_pool_id;
  // The twin serves its Cognito API at the root of the same origin as /graphql.
  const endpoint = options.endpoint ?? (outputs.data?.url ? `${new URL(outputs.data.url).origin}/` : undefined);
  if (!userPoolId || !endpoint) {
    throw new Error(`No running twin found: ${outputsPath} is missing; start the twin or pass --endpoint and --user-pool-id.`);
  }
  const stored = existsSync(resolve(options.dataDir, CREDENTIALS_FILE)) ? loadLocalCredentials(options.dataDir) : IN_MEMORY_CREDENTIALS;
  const credentials = {
    accessKeyId: options.accessKeyId ?? stored.accessKeyId,
    secretAccessKey: options.secretAccessKey ?? stored.secretAccessKey,
  };
  const client = new CognitoIdentityProviderClient({ endpoint, region: userPoolId.split('_')[0], credentials, maxAttempts: 1 });
  return { client, userPoolId };
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function program(io: CliIo): { command: Command; run: (work: (target: Target) => Promise<void>) => Promise<void> } {
  const command = new Command('twin-users')
    .description("Manage users of the running local twin's user pool")
    .option('--outputs <path>', "the twin's amplify_outputs.json", 'amplify_outputs.json')
    .option('--endpoint <url>', 'Cognito endpoint of the twin (default: origin of data.url in the outputs)')
    .option('--user-pool-id <id>', 'pool id (default: auth.user_pool_id in the outputs)')
    .option('--data-dir <dir>', "the twin's data directory, for its local credentials", '.data')
    .option('--access-key-id <id>', 'local access key id (default: from the data directory)')
    .option('--secret-access-key <secret>', 'local secret access key (default: from the data directory)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) });

  const run = async (work: (target: Target) => Promise<void>): Promise<void> => {
    const target = connect(command.opts<GlobalOptions>());
    try {
      await work(target);
    } finally {
      target.client.destroy();
    }
  };
  return { command, run };
}

/** Runs the CLI on `args` (without node and script); resolves to the exit code. */
export async function runTwinUsers(args: string[], io: CliIo = { out: console.log, err: console.error }): Promise<number> {
  const { command, run } = program(io);

  command
    .command('add <username>')
    .description('create a confirmed user with a permanent password')
    .requiredOption('--password <password>', 'the password (Cognito default policy)')
    .option('--email <email>', 'email attribute (marked verified)')
    .option('--group <group>', 'add to this group (repeatable)', collect, [])
    .action((username: string, opts: { password: string; email?: string; group: string[] }) =>
      run(async ({ client, userPoolId }) => {
        const attributes = opts.email ? [{ Name: 'email', Value: opts.email }, { Name: 'email_verified', Value: 'true' }] : [];
        await client.send(new AdminCreateUserCommand({ UserPoolId: userPoolId, Username: username, TemporaryPassword: opts.password, UserAttributes: attributes, MessageAction: 'SUPPRESS' }));
        await client.send(new AdminSetUserPasswordCommand({ UserPoolId: userPoolId, Username: username, Password: opts.password, Permanent: true }));
        for (const group of opts.group) {
          await client.send(new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: username, GroupName: group }));
        }
        io.out(`added ${username}${opts.group.length ? ` to ${opts.group.join(', ')}` : ''}`);
      }),
    );

  command
    .command('add-to-group <username> <group>')
    .description('add an existing user to a group')
    .action((username: string, group: string) =>
      run(async ({ client, userPoolId }) => {
        await client.send(new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: username, GroupName: group }));
        io.out(`added ${username} to ${group}`);
      }),
    );

  command
    .command('list')
    .description('list users with their status and groups')
    .action(() =>
      run(async ({ client, userPoolId }) => {
        const { Users = [] } = await client.send(new ListUsersCommand({ UserPoolId: userPoolId }));
        for (const user of Users) {
          const { Groups = [] } = await client.send(new AdminListGroupsForUserCommand({ UserPoolId: userPoolId, Username: user.Username }));
          const email = user.Attributes?.find((a) => a.Name === 'email')?.Value ?? '-';
          const groups = Groups.map((g) => g.GroupName).join(',') || '-';
          io.out(`${String(user.Username).padEnd(16)} ${String(user.UserStatus).padEnd(22)} ${email.padEnd(28)} ${groups}`);
        }
      }),
    );

  try {
    await command.parseAsync(args, { from: 'user' });
    return 0;
  } catch (error) {
    const { code, exitCode } = error as { code?: string; exitCode?: number };
    if (code?.startsWith('commander.')) return code === 'commander.helpDisplayed' || code === 'commander.version' ? 0 : (exitCode ?? 1);
    const name = error instanceof Error ? error.name : 'Error';
    io.err(`${name}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
