// Cognito's list pagination through the AWS SDK: Limit (0 to 60) and an opaque token on
// ListUsers (PaginationToken), ListUsersInGroup, ListGroups and AdminListGroupsForUser
// (NextToken); pages in order, no item twice or missed; bad Limit or token refused with
// nothing changed.
import {
  AdminListGroupsForUserCommand,
  CognitoIdentityProviderClient,
  ListGroupsCommand,
  ListUsersCommand,
  ListUsersInGroupCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { IN_MEMORY_CREDENTIALS } from '../../../local/auth/local-credentials';
import { UserPool } from '../../../local/auth/user-pool';
import { servePool, type ServedPool } from './serve-pool';

let pool: UserPool;
let served: ServedPool;
let client: CognitoIdentityProviderClient;
const snapshot = (): string => JSON.stringify({ users: pool.listUsers(), groups: pool.listGroups() });

beforeAll(async () => {
  // A clock that moves 1 ms per read gives every user its own creation time; it starts now
  // because admin calls are signed (SigV4 allows 5 minutes of skew).
  let clock = Date.now();
  pool = await UserPool.open({ now: () => (clock += 1) });
  for (let i = 0; i < 62; i += 1) pool.createUser({ username: `user${String(i).padStart(2, '0')}`, password: 'User#Local1234' });
  for (const name of ['user00', 'user01', 'user02']) pool.addUserToGroup(name, 'Members');
  served = await servePool(pool);
  client = new CognitoIdentityProviderClient({ endpoint: served.baseUrl, region: pool.region, credentials: IN_MEMORY_CREDENTIALS, maxAttempts: 1 });
});

afterAll(async () => {
  client.destroy();
  await served.close();
});

const allUsernames = (): string[] => pool.listUsers().map((user) => user.username);

describe('ListUsers', () => {
  it('returns at most 60 without a Limit, with a PaginationToken for the rest', async () => {
    const first = await client.send(new ListUsersCommand({ UserPoolId: pool.poolId }));
    expect(first.Users).toHaveLength(60);
    expect(first.PaginationToken).toEqual(expect.any(String));
    const second = await client.send(new ListUsersCommand({ UserPoolId: pool.poolId, PaginationToken: first.PaginationToken }));
    expect(second.PaginationToken).toBeUndefined();
    expect([...(first.Users ?? []), ...(second.Users ?? [])].map((user) => user.Username)).toEqual(allUsernames());
  });

  it.each([[1], [7], [60]])('walks every user once in creation order with Limit %d', async (limit) => {
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const page = await client.send(new ListUsersCommand({ UserPoolId: pool.poolId, Limit: limit, PaginationToken: token }));
      expect(page.Users?.length).toBeLessThanOrEqual(limit);
      seen.push(...(page.Users ?? []).map((user) => String(user.Username)));
      token = page.PaginationToken;
    } while (token);
    expect(seen).toEqual(allUsernames());
  });

  it('pages a filtered list', async () => {
    const page = await client.send(new ListUsersCommand({ UserPoolId: pool.poolId, Filter: 'username ^= "user0"', Limit: 6 }));
    expect(page.Users?.map((user) => user.Username)).toEqual(['user00', 'user01', 'user02', 'user03', 'user04', 'user05']);
    const rest = await client.send(new ListUsersCommand({ UserPoolId: pool.poolId, Filter: 'username ^= "user0"', Limit: 6, PaginationToken: page.PaginationToken }));
    expect(rest.Users?.map((user) => user.Username)).toEqual(['user06', 'user07', 'user08', 'user09']);
    expect(rest.PaginationToken).toBeUndefined();
  });
});

describe('the NextToken lists', () => {
  it('ListUsersInGroup', async () => {
    // Members: the seeds alice and bob, then user00 to user02.
    const pages: Array<string[] | undefined> = [];
    let token: string | undefined;
    do {
      const page = await client.send(new ListUsersInGroupCommand({ UserPoolId: pool.poolId, GroupName: 'Members', Limit: 2, NextToken: token }));
      pages.push(page.Users?.map((user) => String(user.Username)));
      token = page.NextToken;
    } while (token);
    expect(pages).toEqual([['alice', 'bob'], ['user00', 'user01'], ['user02']]);
  });

  it('ListGroups', async () => {
    const first = await client.send(new ListGroupsCommand({ UserPoolId: pool.poolId, Limit: 1 }));
    const second = await client.send(new ListGroupsCommand({ UserPoolId: pool.poolId, Limit: 1, NextToken: first.NextToken }));
    expect([first.Groups?.map((g) => g.GroupName), second.Groups?.map((g) => g.GroupName), second.NextToken]).toEqual([['Admins'], ['Members'], undefined]);
  });

  it('AdminListGroupsForUser', async () => {
    const first = await client.send(new AdminListGroupsForUserCommand({ UserPoolId: pool.poolId, Username: 'alice', Limit: 1 }));
    const second = await client.send(new AdminListGroupsForUserCommand({ UserPoolId: pool.poolId, Username: 'alice', Limit: 1, NextToken: first.NextToken }));
    expect([first.Groups?.map((g) => g.GroupName), second.Groups?.map((g) => g.GroupName), second.NextToken]).toEqual([['Admins'], ['Members'], undefined]);
  });
});

describe('bad Limit and tokens', () => {
  let usersToken = '';
  beforeAll(async () => {
    usersToken = String((await client.send(new ListUsersCommand({ UserPoolId: pool.poolId, Limit: 1 }))).PaginationToken);
  });

  const TOO_MANY = "1 validation error detected: Value '61' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 60";
  const NEGATIVE = "1 validation error detected: Value '-1' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 0";
  it.each<[string, () => Promise<unknown>, string, string]>([
    ['ListUsers Limit 61', () => client.send(new ListUsersCommand({ UserPoolId: pool.poolId, Limit: 61 })), 'InvalidParameterException', TOO_MANY],
    ['ListUsers Limit -1', () => client.send(new ListUsersCommand({ UserPoolId: pool.poolId, Limit: -1 })), 'InvalidParameterException', NEGATIVE],
    ['ListGroups Limit 61', () => client.send(new ListGroupsCommand({ UserPoolId: pool.poolId, Limit: 61 })), 'InvalidParameterException', TOO_MANY],
    ['ListUsersInGroup Limit 61', () => client.send(new ListUsersInGroupCommand({ UserPoolId: pool.poolId, GroupName: 'Members', Limit: 61 })), 'InvalidParameterException', TOO_MANY],
    ['AdminListGroupsForUser Limit 61', () => client.send(new AdminListGroupsForUserCommand({ UserPoolId: pool.poolId, Username: 'alice', Limit: 61 })), 'InvalidParameterException', TOO_MANY],
    ['a made-up token', () => client.send(new ListUsersCommand({ UserPoolId: pool.poolId, PaginationToken: 'bm90LWEtdG9rZW4' })), 'InvalidParameterException', 'Invalid pagination token.'],
    ['an edited token', () => client.send(new ListUsersCommand({ UserPoolId: pool.poolId, PaginationToken: `${Buffer.from(JSON.stringify({ list: 'ListUsers:', after: '' })).toString('base64url')}.${usersToken.split('.')[1]}` })), 'InvalidParameterException', 'Invalid pagination token.'],
    ['a ListUsers token on ListUsersInGroup', () => client.send(new ListUsersInGroupCommand({ UserPoolId: pool.poolId, GroupName: 'Members', NextToken: usersToken })), 'InvalidParameterException', 'Invalid pagination token.'],
    ['a token of another filter', () => client.send(new ListUsersCommand({ UserPoolId: pool.poolId, Filter: 'username ^= "user"', PaginationToken: usersToken })), 'InvalidParameterException', 'Invalid pagination token.'],
  ])('refuses %s', async (_label, send, name, message) => {
    const before = snapshot();
    const error = await send().catch((e: unknown) => e);
    expect(error).toMatchObject({ name, message, $metadata: { httpStatusCode: 400 } });
    expect(snapshot()).toBe(before);
  });
});
