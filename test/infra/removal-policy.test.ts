import { RemovalPolicy } from 'aws-cdk-lib';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { InvalidContextError, REMOVAL_POLICY_CONTEXT_KEY, removalPolicyFromContext } from '../../infra/removal-policy';
import { synthChatApp } from './support/chat-app';

describe('removalPolicyFromContext', () => {
  it.each([
    [undefined, RemovalPolicy.RETAIN],
    ['retain', RemovalPolicy.RETAIN],
    ['destroy', RemovalPolicy.DESTROY],
  ])('reads %p as %p', (value, expected) => {
    expect(removalPolicyFromContext(value)).toBe(expected);
  });

  it.each([['Destroy'], ['delete'], [''], ['true'], [true], [1], [null]])('rejects %p', (value) => {
    let thrown: unknown;
    try {
      removalPolicyFromContext(value);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidContextError);
    expect((thrown as InvalidContextError).code).toBe('InvalidContext');
    expect((thrown as InvalidContextError).message).toBe(
      `Context chat:removalPolicy must be "retain" or "destroy", got ${JSON.stringify(value)}`,
    );
  });
});

describe(`a dev stack synthesized with -c ${REMOVAL_POLICY_CONTEXT_KEY}=destroy`, () => {
  let template: Template;

  beforeAll(() => {
    template = synthChatApp({ [REMOVAL_POLICY_CONTEXT_KEY]: 'destroy' }).template;
  });

  it('deletes the table with the stack, without deletion protection', () => {
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Delete',
      UpdateReplacePolicy: 'Delete',
      Properties: Match.objectLike({ DeletionProtectionEnabled: false }),
    });
  });

  it('deletes the user pool with the stack, without deletion protection', () => {
    template.hasResource('AWS::Cognito::UserPool', {
      DeletionPolicy: 'Delete',
      UpdateReplacePolicy: 'Delete',
      Properties: Match.objectLike({ DeletionProtection: 'INACTIVE' }),
    });
  });

  it('keeps everything else as in the default stack', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      BillingMode: 'PAY_PER_REQUEST',
    });
    template.resourceCountIs('AWS::Cognito::UserPoolGroup', 2);
  });
});
