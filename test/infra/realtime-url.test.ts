import { realtimeUrlOf } from '../../infra/realtime-url';

describe('realtimeUrlOf', () => {
  it.each([
    [
      'https://abcdefghijklmnopqrstuvwxyz.appsync-api.eu-west-1.amazonaws.com/graphql',
      'wss://abcdefghijklmnopqrstuvwxyz.appsync-realtime-api.eu-west-1.amazonaws.com/graphql',
    ],
    [
      'https://abcdefghijklmnopqrstuvwxyz.appsync-api.cn-north-1.amazonaws.com.cn/graphql',
      'wss://abcdefghijklmnopqrstuvwxyz.appsync-realtime-api.cn-north-1.amazonaws.com.cn/graphql',
    ],
  ])('turns %s into %s', (graphqlUrl, realtimeUrl) => {
    expect(realtimeUrlOf(graphqlUrl)).toBe(realtimeUrl);
  });
});
