// The `runtime` global: runtime.earlyReturn(obj?, {skipTo?}) leaves the handler with `obj` as its result.
import { EARLY_RETURN_DEFAULT_VALUE } from './aws-unverified';
import { earlyReturnSignal } from './signals';

export interface AppSyncRuntime {
  earlyReturn(obj?: unknown, returnOptions?: { skipTo?: 'END' | 'NEXT' }): never;
}

export function createRuntime(): AppSyncRuntime {
  return {
    earlyReturn(obj?: unknown, returnOptions?: { skipTo?: 'END' | 'NEXT' }): never {
      const skipTo = returnOptions?.skipTo === 'END' || returnOptions?.skipTo === 'NEXT' ? returnOptions.skipTo : null;
      throw earlyReturnSignal(obj === undefined ? EARLY_RETURN_DEFAULT_VALUE : obj, skipTo);
    },
  };
}
