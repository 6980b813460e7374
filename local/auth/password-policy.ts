// Cognito's default password policy (8 characters, upper, lower, number, symbol), with its messages.
import { CognitoError } from './cognito-error';

const RULES: ReadonlyArray<{ test: (password: string) => boolean; message: string }> = [
  { test: (p) => p.length >= 8, message: 'Password not long enough' },
  { test: (p) => /[a-z]/.test(p), message: 'Password must have lowercase characters' },
  { test: (p) => /[A-Z]/.test(p), message: 'Password must have uppercase characters' },
  { test: (p) => /[0-9]/.test(p), message: 'Password must have numeric characters' },
  { test: (p) => /[\^$*.[\]{}()?"!@#%&/\\,><':;|_~`=+\- ]/.test(p), message: 'Password must have symbol characters' },
];

export function assertPasswordPolicy(password: string): void {
  const broken = RULES.find((rule) => !rule.test(password));
  if (broken) {
    throw new CognitoError('InvalidPasswordException', `Password did not conform with policy: ${broken.message}`);
  }
}
