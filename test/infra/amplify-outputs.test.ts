import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Amplify } from 'aws-amplify';
import { AmplifyOutputsError, toAmplifyOutputs, type AmplifyOutputsErrorCode } from '../../infra/amplify-outputs';
import { writeAmplifyOutputs } from '../../infra/write-amplify-outputs';

/** What `cdk deploy --outputs-file` writes for a deployed chat stack (values made up). */
const deployedOutputs = {
  GraphQLUrl: 'https://abcdefghijklmnopqrstuvwxyz.appsync-api.eu-west-1.amazonaws.com/graphql',
  RealtimeUrl: 'wss://abcdefghijklmnopqrstuvwxyz.appsync-realtime-api.eu-west-1.amazonaws.com/graphql',
  Region: 'eu-west-1',
  UserPoolId: 'eu-west-1_AbCdEfGhI',
  UserPoolClientId: '1example23456789abcdefghij',
  TableName: 'ChatApi-DataTableFDBAD0F2-1ABCDEFGHIJK',
};

const expectedFile = {
  version: '1.4',
  auth: {
    aws_region: 'eu-west-1',
    user_pool_id: 'eu-west-1_AbCdEfGhI',
    user_pool_client_id: '1example23456789abcdefghij',
    password_policy: {
      min_length: 12,
      require_numbers: true,
      require_lowercase: true,
      require_uppercase: true,
      require_symbols: true,
    },
    standard_required_attributes: ['email'],
    user_verification_types: ['email'],
    mfa_configuration: 'OPTIONAL',
    mfa_methods: ['TOTP'],
    groups: [{ Admins: { precedence: 0 } }, { Members: { precedence: 1 } }],
  },
  data: {
    url: 'https://abcdefghijklmnopqrstuvwxyz.appsync-api.eu-west-1.amazonaws.com/graphql',
    aws_region: 'eu-west-1',
    default_authorization_type: 'AMAZON_COGNITO_USER_POOLS',
    authorization_types: ['AWS_IAM'],
  },
};

function errorOf(action: () => unknown): AmplifyOutputsError {
  try {
    action();
  } catch (error) {
    if (error instanceof AmplifyOutputsError) return error;
    throw error;
  }
  throw new Error('expected an AmplifyOutputsError, nothing was thrown');
}

describe('toAmplifyOutputs', () => {
  it('builds the Gen2 amplify_outputs.json for the deployed stack', () => {
    expect(toAmplifyOutputs(deployedOutputs)).toEqual(expectedFile);
  });

  it('gives a file the real Amplify v6 client configures itself from', () => {
    Amplify.configure(toAmplifyOutputs(deployedOutputs));
    const config = Amplify.getConfig();
    expect(config.API?.GraphQL).toEqual({
      endpoint: deployedOutputs.GraphQLUrl,
      region: 'eu-west-1',
      defaultAuthMode: 'userPool',
    });
    expect(config.Auth?.Cognito).toMatchObject({
      userPoolId: 'eu-west-1_AbCdEfGhI',
      userPoolClientId: '1example23456789abcdefghij',
      groups: [{ Admins: { precedence: 0 } }, { Members: { precedence: 1 } }],
      mfa: { status: 'optional', totpEnabled: true, smsEnabled: false },
    });
  });

  const without = (key: string): Record<string, unknown> =>
    Object.fromEntries(Object.entries(deployedOutputs).filter(([name]) => name !== key));

  it.each<[string, Record<string, unknown>, AmplifyOutputsErrorCode, string]>([
    ['no GraphQLUrl', without('GraphQLUrl'), 'MissingOutput', 'Stack output GraphQLUrl is missing'],
    ['no Region', without('Region'), 'MissingOutput', 'Stack output Region is missing'],
    ['no UserPoolId', without('UserPoolId'), 'MissingOutput', 'Stack output UserPoolId is missing'],
    ['no UserPoolClientId', without('UserPoolClientId'), 'MissingOutput', 'Stack output UserPoolClientId is missing'],
    ['an empty client id', { ...deployedOutputs, UserPoolClientId: ' ' }, 'InvalidOutput', 'Stack output UserPoolClientId must be a non-empty string'],
    ['a numeric region', { ...deployedOutputs, Region: 1 }, 'InvalidOutput', 'Stack output Region must be a non-empty string'],
    [
      'an http URL',
      { ...deployedOutputs, GraphQLUrl: 'http://abc.appsync-api.eu-west-1.amazonaws.com/graphql' },
      'InvalidOutput',
      'Stack output GraphQLUrl is not an https …/graphql URL: http://abc.appsync-api.eu-west-1.amazonaws.com/graphql',
    ],
    [
      'a URL without /graphql',
      { ...deployedOutputs, GraphQLUrl: 'https://abc.appsync-api.eu-west-1.amazonaws.com/' },
      'InvalidOutput',
      'Stack output GraphQLUrl is not an https …/graphql URL: https://abc.appsync-api.eu-west-1.amazonaws.com/',
    ],
    ['an unresolved token', { ...deployedOutputs, Region: '${Token[AWS.Region.9]}' }, 'InvalidOutput', 'Stack output Region is not an AWS region: ${Token[AWS.Region.9]}'],
    [
      'a user pool of another region',
      { ...deployedOutputs, UserPoolId: 'us-east-1_AbCdEfGhI' },
      'InvalidOutput',
      'Stack output UserPoolId (us-east-1_AbCdEfGhI) is not a user pool in eu-west-1',
    ],
  ])('rejects outputs with %s', (_case, outputs, code, message) => {
    const before = JSON.stringify(outputs);
    const error = errorOf(() => toAmplifyOutputs(outputs));
    expect(error.code).toBe(code);
    expect(error.message).toBe(message);
    expect(JSON.stringify(outputs)).toBe(before);
  });
});

describe('writeAmplifyOutputs', () => {
  let dir: string;
  let outFile: string;
  let outputsFile: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'chat-amplify-outputs-'));
    outFile = join(dir, 'amplify_outputs.json');
    outputsFile = join(dir, 'cdk-outputs.json');
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes amplify_outputs.json from the cdk deploy outputs file', () => {
    writeFileSync(outputsFile, JSON.stringify({ OtherStack: { Foo: 'bar' }, ChatApi: deployedOutputs }));
    writeAmplifyOutputs({ outputsFile, stackName: 'ChatApi', outFile });
    expect(JSON.parse(readFileSync(outFile, 'utf8'))).toEqual(expectedFile);
  });

  it.each<[string, string | undefined, AmplifyOutputsErrorCode, string]>([
    ['no outputs file', undefined, 'OutputsFileNotFound', 'Cannot read <outputs>: deploy with `npx cdk deploy --outputs-file <outputs>` first'],
    ['a file that is not JSON', '{"ChatApi": ', 'InvalidOutputsFile', 'The outputs file is not JSON'],
    ['a JSON array', '[]', 'InvalidOutputsFile', 'The outputs file is not a JSON object of stacks'],
    ['another stack only', JSON.stringify({ OtherStack: deployedOutputs }), 'StackNotFound', 'The outputs file has no stack ChatApi (it has: OtherStack)'],
    ['an empty object', '{}', 'StackNotFound', 'The outputs file has no stack ChatApi (it has: none)'],
    ['stack outputs that are a string', JSON.stringify({ ChatApi: 'x' }), 'InvalidOutputsFile', 'The outputs of stack ChatApi are not an object'],
    ['a missing output', JSON.stringify({ ChatApi: { ...deployedOutputs, UserPoolId: undefined } }), 'MissingOutput', 'Stack output UserPoolId is missing'],
  ])('writes nothing for %s', (_case, content, code, message) => {
    if (content !== undefined) writeFileSync(outputsFile, content);
    const error = errorOf(() => writeAmplifyOutputs({ outputsFile, stackName: 'ChatApi', outFile }));
    expect(error.code).toBe(code);
    expect(error.message).toBe(message.replaceAll('<outputs>', outputsFile));
    expect(existsSync(outFile)).toBe(false);
  });

  it('leaves an existing amplify_outputs.json as it was when the outputs are bad', () => {
    writeFileSync(outFile, '{"version":"1.4","kept":true}\n');
    writeFileSync(outputsFile, JSON.stringify({ ChatApi: { ...deployedOutputs, Region: 'nowhere' } }));
    const error = errorOf(() => writeAmplifyOutputs({ outputsFile, stackName: 'ChatApi', outFile }));
    expect(error.code).toBe('InvalidOutput');
    expect(readFileSync(outFile, 'utf8')).toBe('{"version":"1.4","kept":true}\n');
  });
});
