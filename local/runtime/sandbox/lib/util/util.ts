// The `util` global (and the `util` export of @aws-appsync/utils).
import type { EvaluationRecord, HostBridge } from '../../contract';
import { createTimeUtils } from '../time/time-utils';
import { createTransformUtils } from '../transform/transform-utils';
import { createDynamoDBUtils } from './dynamodb-values';
import { createErrorUtils } from './errors';
import { escapeJavaScript } from './escape-javascript';
import { createHttpUtils } from './http';
import { createKsuidGenerator } from './ksuid';
import { matches } from './matches';
import { createMathUtils } from './math';
import { createStringUtils } from './str';
import { createUlidGenerator } from './ulid';
import { urlDecode, urlEncode } from './url-encoding';
import { createXmlUtils } from './xml';
import { createRdsUtils } from '../rds-module';

export function createUtil(bridge: HostBridge, currentRecord: () => EvaluationRecord, currentAuthType: () => string) {
  return {
    ...createErrorUtils(currentRecord),
    autoId: () => bridge.randomUUID(),
    autoUlid: createUlidGenerator(bridge),
    autoKsuid: createKsuidGenerator(bridge),
    urlEncode,
    urlDecode,
    base64Encode: (value: string) => bridge.base64Encode(`${value}`),
    base64Decode: (value: string) => bridge.base64Decode(`${value}`),
    escapeJavaScript,
    matches,
    authType: () => currentAuthType(),
    time: createTimeUtils(bridge),
    dynamodb: createDynamoDBUtils(),
    transform: createTransformUtils(),
    str: createStringUtils(),
    math: createMathUtils(bridge),
    http: createHttpUtils(currentRecord),
    xml: createXmlUtils(),
    rds: createRdsUtils(),
  };
}

export type AppSyncUtil = ReturnType<typeof createUtil>;
