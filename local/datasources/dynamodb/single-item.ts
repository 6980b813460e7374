import {
  ConditionalCheckFailedException,
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { canonicalItem, toAttributeMap, toPlainItem, toPlainItemOrNull } from '../attribute-values';
import { toDataSourceError } from '../dynamodb-errors';
import { optionalBoolean, optionalRecord } from '../request-error';
import type { DataSourceResult } from '../result';
import { mergePlaceholders, readCondition, readExpression, readProjection, type AttributeMap, type Condition } from './expressions';
import type { DynamoDBTarget } from './target';

/** GetItem, PutItem, UpdateItem and DeleteItem, with AppSync's conditional-check rules. */

export async function getItem({ send, tableName }: DynamoDBTarget, request: Record<string, unknown>): Promise<DataSourceResult> {
  const key = toAttributeMap(request.key, '$[key]');
  const projection = readProjection(request.projection, '$[projection]');
  const output = await send(
    new GetItemCommand({
      TableName: tableName,
      Key: key,
      ConsistentRead: optionalBoolean(request.consistentRead, '$[consistentRead]'),
      ProjectionExpression: projection?.expression,
      ...mergePlaceholders(projection),
    }),
  );
  return { result: toPlainItemOrNull(output.Item) };
}

export async function putItem(target: DynamoDBTarget, request: Record<string, unknown>): Promise<DataSourceResult> {
  const key = toAttributeMap(request.key, '$[key]');
  const attributeValues = toAttributeMap(optionalRecord(request.attributeValues, '$[attributeValues]') ?? {}, '$[attributeValues]');
  // AppSync writes key and attributeValues together; the key wins.
  const item: AttributeMap = { ...attributeValues, ...key };
  const condition = readCondition(request.condition, '$[condition]');
  try {
    await target.send(
      new PutItemCommand({
        TableName: target.tableName,
        Item: item,
        ConditionExpression: condition?.expression,
        ...mergePlaceholders(condition),
      }),
    );
    return { result: toPlainItem(item) };
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException) || condition === undefined) throw error;
    const current = await readCurrentItem(target, key, condition);
    // Writing what is already there counts as success (a retried request, say).
    if (current !== undefined && canonicalItem(current, condition.equalsIgnore) === canonicalItem(item, condition.equalsIgnore)) {
      return { result: toPlainItem(current) };
    }
    return { error: toDataSourceError(error), result: toPlainItemOrNull(current) };
  }
}

export async function updateItem(target: DynamoDBTarget, request: Record<string, unknown>): Promise<DataSourceResult> {
  const key = toAttributeMap(request.key, '$[key]');
  const update = readExpression(request.update, '$[update]');
  const condition = readCondition(request.condition, '$[condition]');
  try {
    const output = await target.send(
      new UpdateItemCommand({
        TableName: target.tableName,
        Key: key,
        UpdateExpression: update.expression,
        ConditionExpression: condition?.expression,
        ReturnValues: 'ALL_NEW',
        ...mergePlaceholders(update, condition),
      }),
    );
    return { result: toPlainItemOrNull(output.Attributes) };
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException) || condition === undefined) throw error;
    const current = await readCurrentItem(target, key, condition);
    return { error: toDataSourceError(error), result: toPlainItemOrNull(current) };
  }
}

export async function deleteItem(target: DynamoDBTarget, request: Record<string, unknown>): Promise<DataSourceResult> {
  const key = toAttributeMap(request.key, '$[key]');
  const condition = readCondition(request.condition, '$[condition]');
  try {
    const output = await target.send(
      new DeleteItemCommand({
        TableName: target.tableName,
        Key: key,
        ConditionExpression: condition?.expression,
        ReturnValues: 'ALL_OLD',
        ...mergePlaceholders(condition),
      }),
    );
    return { result: toPlainItemOrNull(output.Attributes) };
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException) || condition === undefined) throw error;
    const current = await readCurrentItem(target, key, condition);
    // The item is gone, which is what the delete wanted.
    if (current === undefined) return { result: null };
    return { error: toDataSourceError(error), result: toPlainItem(current) };
  }
}

/** After a failed condition AppSync re-reads the item, strongly consistent unless told otherwise. */
async function readCurrentItem({ send, tableName }: DynamoDBTarget, key: AttributeMap, condition: Condition): Promise<AttributeMap | undefined> {
  const output = await send(
    new GetItemCommand({ TableName: tableName, Key: key, ConsistentRead: condition.consistentRead ?? true }),
  );
  return output.Item;
}
