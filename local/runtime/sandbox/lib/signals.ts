// Builders for the control-flow Signals of the sandbox contract: util.error, util.unauthorized
// and runtime.earlyReturn leave a handler by throwing one of these plain objects.
import type { Signal } from '../contract';

export function errorSignal(message: string, errorType: string | null, data: unknown, errorInfo: unknown): Signal {
  return { __appsync: 'error', message, errorType, data, errorInfo };
}

export function unauthorizedSignal(): Signal {
  return { __appsync: 'unauthorized' };
}

export function earlyReturnSignal(value: unknown, skipTo: 'END' | 'NEXT' | null): Signal {
  return { __appsync: 'earlyReturn', value, skipTo };
}
