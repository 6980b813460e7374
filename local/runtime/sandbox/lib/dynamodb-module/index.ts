// The `@aws-appsync/utils/dynamodb` module as resolver code imports it.
import { MODULE_NUMBER_SET_AS_NUMBERS } from '../aws-unverified';
import { get, put, remove, update } from './item-requests';
import { batchDelete, batchGet, batchPut, transactGet, transactWrite } from './multi-item-requests';
import { createOperations } from './operations';
import { query, scan, sync } from './read-requests';

export function createDynamoDBModule() {
  return {
    get,
    put,
    remove,
    update,
    query,
    scan,
    sync,
    batchGet,
    batchPut,
    batchDelete,
    transactGet,
    transactWrite,
    toStringSet: (list: string[]) => ({ SS: [...list] }),
    toNumberSet: (list: number[]) => ({ NS: MODULE_NUMBER_SET_AS_NUMBERS ? [...list] : list.map((n) => `${n}`) }),
    toBinarySet: (list: string[]) => ({ BS: [...list] }),
    operations: createOperations(),
  };
}

export type DynamoDBModule = ReturnType<typeof createDynamoDBModule>;
