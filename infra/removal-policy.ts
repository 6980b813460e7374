import { RemovalPolicy } from 'aws-cdk-lib';

/**
 * The context key that decides what happens to stateful resources (user pool, table, logs) when
 * the stack is deleted. Default "retain": chat history and accounts outlive the stack. Dev stacks
 * may pass `-c chat:removalPolicy=destroy`.
 */
export const REMOVAL_POLICY_CONTEXT_KEY = 'chat:removalPolicy';

export class InvalidContextError extends Error {
  readonly code = 'InvalidContext';
}

/** Reads the context value; anything but absent, "retain" or "destroy" is an error, not a guess. */
export function removalPolicyFromContext(value: unknown): RemovalPolicy {
  if (value === undefined || value === 'retain') return RemovalPolicy.RETAIN;
  if (value === 'destroy') return RemovalPolicy.DESTROY;
  throw new InvalidContextError(
    `Context ${REMOVAL_POLICY_CONTEXT_KEY} must be "retain" or "destroy", got ${JSON.stringify(value)}`,
  );
}
