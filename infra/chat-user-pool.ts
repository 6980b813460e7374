import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { appClientSettings, chatUserGroups, mfaSettings, passwordPolicy, userPoolSettings } from './auth-settings';

export interface ChatUserPoolProps {
  removalPolicy: RemovalPolicy;
}

/**
 * The Cognito user pool of the chat API, its one app client and its groups.
 *
 * Self sign-up is off: the API lets only members of Admins or Members do anything, so a
 * self-registered account could do nothing until an admin adds it to a group anyway. Admins
 * invite users (AdminCreateUser) and put them in a group; that also keeps the pool free of
 * bot sign-ups and the email they would trigger. The settings live in auth-settings.ts, which
 * the local twin's user pool reads too.
 */
export class ChatUserPool extends Construct {
  readonly userPool: cognito.UserPool;
  readonly client: cognito.UserPoolClient;

  constructor(scope: Construct, id: string, props: ChatUserPoolProps) {
    super(scope, id);
    const retain = props.removalPolicy === RemovalPolicy.RETAIN;

    this.userPool = new cognito.UserPool(this, 'UserPool', {
      selfSignUpEnabled: userPoolSettings.selfSignUpEnabled,
      signInAliases: { ...userPoolSettings.signInAliases },
      signInCaseSensitive: userPoolSettings.signInCaseSensitive,
      autoVerify: { email: true },
      standardAttributes: { email: { ...userPoolSettings.email } },
      passwordPolicy: {
        minLength: passwordPolicy.minLength,
        requireLowercase: passwordPolicy.requireLowercase,
        requireUppercase: passwordPolicy.requireUppercase,
        requireDigits: passwordPolicy.requireDigits,
        requireSymbols: passwordPolicy.requireSymbols,
        tempPasswordValidity: Duration.days(passwordPolicy.tempPasswordValidityDays),
      },
      mfa: cognito.Mfa.OPTIONAL,
      mfaSecondFactor: { otp: mfaSettings.methods.includes('TOTP'), sms: false },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      featurePlan: cognito.FeaturePlan.ESSENTIALS,
      deletionProtection: retain,
      removalPolicy: props.removalPolicy,
    });

    // A public client (browser, mobile, Node): no secret. SRP is Amplify's default flow;
    // USER_PASSWORD_AUTH serves scripts and the e2e tests; refresh is always allowed.
    this.client = this.userPool.addClient('AppClient', {
      generateSecret: false,
      authFlows: { ...appClientSettings.authFlows },
      // No hosted UI: without this the CDK would enable OAuth flows with a placeholder callback URL.
      disableOAuth: true,
      preventUserExistenceErrors: appClientSettings.preventUserExistenceErrors,
      enableTokenRevocation: appClientSettings.enableTokenRevocation,
      accessTokenValidity: Duration.minutes(appClientSettings.accessTokenValidityMinutes),
      idTokenValidity: Duration.minutes(appClientSettings.idTokenValidityMinutes),
      refreshTokenValidity: Duration.days(appClientSettings.refreshTokenValidityDays),
    });

    for (const group of chatUserGroups) {
      this.userPool.addGroup(group.name, {
        groupName: group.name,
        precedence: group.precedence,
        description: group.description,
      });
    }
  }
}
