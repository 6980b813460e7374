/**
 * Turns the outputs of a deployed chat stack into amplify_outputs.json, the Gen2 config file
 * `Amplify.configure()` reads in aws-amplify v6 (reference/appsync-realtime-and-amplify.md §4.5).
 * Pure: no files, no AWS calls.
 */
import { chatUserGroups, mfaSettings, passwordPolicy } from './auth-settings';
import { stackOutputKeys } from './stack-outputs';

export interface AmplifyOutputsFile {
  version: '1.4';
  auth: {
    aws_region: string;
    user_pool_id: string;
    user_pool_client_id: string;
    password_policy: {
      min_length: number;
      require_numbers: boolean;
      require_lowercase: boolean;
      require_uppercase: boolean;
      require_symbols: boolean;
    };
    standard_required_attributes: string[];
    user_verification_types: string[];
    mfa_configuration: string;
    mfa_methods: string[];
    groups: Record<string, { precedence: number }>[];
  };
  data: {
    url: string;
    aws_region: string;
    default_authorization_type: 'AMAZON_COGNITO_USER_POOLS';
    authorization_types: ['AWS_IAM'];
  };
}

export type AmplifyOutputsErrorCode =
  | 'MissingOutput'
  | 'InvalidOutput'
  | 'OutputsFileNotFound'
  | 'InvalidOutputsFile'
  | 'StackNotFound';

export class AmplifyOutputsError extends Error {
  constructor(
    readonly code: AmplifyOutputsErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AmplifyOutputsError';
  }
}

const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d$/;

/** Builds amplify_outputs.json from one stack's outputs ({GraphQLUrl: "https://…", …}). */
export function toAmplifyOutputs(stackOutputs: Readonly<Record<string, unknown>>): AmplifyOutputsFile {
  const read = (key: string): string => {
    if (!(key in stackOutputs)) throw new AmplifyOutputsError('MissingOutput', `Stack output ${key} is missing`);
    const value = stackOutputs[key];
    if (typeof value !== 'string' || value.trim() === '') {
      throw new AmplifyOutputsError('InvalidOutput', `Stack output ${key} must be a non-empty string`);
    }
    return value;
  };

  const graphqlUrl = read(stackOutputKeys.graphqlUrl);
  const region = read(stackOutputKeys.region);
  const userPoolId = read(stackOutputKeys.userPoolId);
  const userPoolClientId = read(stackOutputKeys.userPoolClientId);

  if (!/^https:\/\/[^/]+\/graphql$/.test(graphqlUrl)) {
    throw new AmplifyOutputsError('InvalidOutput', `Stack output ${stackOutputKeys.graphqlUrl} is not an https …/graphql URL: ${graphqlUrl}`);
  }
  if (!REGION_PATTERN.test(region)) {
    throw new AmplifyOutputsError('InvalidOutput', `Stack output ${stackOutputKeys.region} is not an AWS region: ${region}`);
  }
  // Amplify takes the user pool's region from its id; a mismatch means outputs of two stacks.
  if (!userPoolId.startsWith(`${region}_`)) {
    throw new AmplifyOutputsError('InvalidOutput', `Stack output ${stackOutputKeys.userPoolId} (${userPoolId}) is not a user pool in ${region}`);
  }

  return {
    version: '1.4',
    auth: {
      aws_region: region,
      user_pool_id: userPoolId,
      user_pool_client_id: userPoolClientId,
      password_policy: {
        min_length: passwordPolicy.minLength,
        require_numbers: passwordPolicy.requireDigits,
        require_lowercase: passwordPolicy.requireLowercase,
        require_uppercase: passwordPolicy.requireUppercase,
        require_symbols: passwordPolicy.requireSymbols,
      },
      standard_required_attributes: ['email'],
      user_verification_types: ['email'],
      mfa_configuration: mfaSettings.mode,
      mfa_methods: [...mfaSettings.methods],
      groups: chatUserGroups.map((group) => ({ [group.name]: { precedence: group.precedence } })),
    },
    data: {
      url: graphqlUrl,
      aws_region: region,
      default_authorization_type: 'AMAZON_COGNITO_USER_POOLS',
      authorization_types: ['AWS_IAM'],
    },
  };
}

/**
 * Picks one stack's outputs from the JSON of `cdk deploy --outputs-file`, which maps stack
 * names to their outputs: {"ChatApi": {"GraphQLUrl": "…", …}}.
 */
export function stackOutputsFromFile(fileContent: string, stackName: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fileContent);
  } catch {
    throw new AmplifyOutputsError('InvalidOutputsFile', 'The outputs file is not JSON');
  }
  if (!isRecord(parsed)) throw new AmplifyOutputsError('InvalidOutputsFile', 'The outputs file is not a JSON object of stacks');
  const stack = parsed[stackName];
  if (stack === undefined) {
    throw new AmplifyOutputsError('StackNotFound', `The outputs file has no stack ${stackName} (it has: ${Object.keys(parsed).join(', ') || 'none'})`);
  }
  if (!isRecord(stack)) throw new AmplifyOutputsError('InvalidOutputsFile', `The outputs of stack ${stackName} are not an object`);
  return stack;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
