// The pool's password policy (the stack's, see pool-settings), with Cognito's messages.
import { CognitoError } from './cognito-error';
import type { PasswordPolicy } from './pool-settings';

const SYMBOLS = /[\^$*.[\]{}()?"!@#%&/\\,><':;|_~`=+\- ]/;

export function assertPasswordPolicy(password: string, policy: PasswordPolicy): void {
  const rules: ReadonlyArray<{ broken: boolean; message: string }> = [
    { broken: password.length < policy.minLength, message: 'Password not long enough' },
    { broken: policy.requireLowercase && !/[a-z]/.test(password), message: 'Password must have lowercase characters' },
    { broken: policy.requireUppercase && !/[A-Z]/.test(password), message: 'Password must have uppercase characters' },
    { broken: policy.requireDigits && !/[0-9]/.test(password), message: 'Password must have numeric characters' },
    { broken: policy.requireSymbols && !SYMBOLS.test(password), message: 'Password must have symbol characters' },
  ];
  const broken = rules.find((rule) => rule.broken);
  if (broken) {
    throw new CognitoError('InvalidPasswordException', `Password did not conform with policy: ${broken.message}`);
  }
}
