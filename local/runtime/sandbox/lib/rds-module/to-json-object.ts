// toJsonObject (module) and util.rds.toJsonObject: the Data API's ExecuteStatement result (a
// JSON string or the parsed object) as one array of row objects per statement. Cells may use
// the Data API's Field names (longValue, booleanValue, arrayValue, ...) or the older Value names
// that @aws-appsync/utils declares (intValue, bigIntValue, bitValue, arrayValues, structValue, ...).
import { RDS_INVALID_RESULT, RDS_ROW_KEY_FIELDS } from '../aws-unverified';
import { isPlainObject } from '../values';

const SCALAR_KEYS = ['stringValue', 'longValue', 'doubleValue', 'booleanValue', 'blobValue', 'intValue', 'bigIntValue', 'bitValue', 'realValue'];
const ARRAY_VALUE_KEYS = ['stringValues', 'longValues', 'doubleValues', 'booleanValues'];

class InvalidResult extends Error {}

function arrayValue(value: unknown): unknown[] {
  if (!isPlainObject(value)) throw new InvalidResult();
  for (const key of ARRAY_VALUE_KEYS) if (Array.isArray(value[key])) return [...(value[key] as unknown[])];
  if (Array.isArray(value.arrayValues)) return value.arrayValues.map(arrayValue);
  throw new InvalidResult();
}

function cellValue(cell: unknown): unknown {
  if (!isPlainObject(cell)) throw new InvalidResult();
  if (cell.isNull === true) return null;
  for (const key of SCALAR_KEYS) if (Object.prototype.hasOwnProperty.call(cell, key)) return cell[key];
  if (Object.prototype.hasOwnProperty.call(cell, 'arrayValue')) return arrayValue(cell.arrayValue);
  if (Array.isArray(cell.arrayValues)) return cell.arrayValues.map(cellValue);
  if (isPlainObject(cell.structValue) && Array.isArray(cell.structValue.attributes)) return cell.structValue.attributes.map(cellValue);
  // An empty cell object: the Data API sends {} for a value it cannot represent.
  if (Object.keys(cell).length === 0) return null;
  throw new InvalidResult();
}

function columnName(column: unknown): string {
  if (!isPlainObject(column)) throw new InvalidResult();
  for (const field of RDS_ROW_KEY_FIELDS) {
    const name = column[field];
    if (typeof name === 'string' && name !== '') return name;
  }
  throw new InvalidResult();
}

function statementRows(result: unknown): Array<Record<string, unknown>> {
  if (!isPlainObject(result)) throw new InvalidResult();
  // A statement that changes data and returns nothing has no records.
  if (result.records === undefined || result.records === null) return [];
  if (!Array.isArray(result.records)) throw new InvalidResult();
  if (result.records.length === 0) return [];
  if (!Array.isArray(result.columnMetadata)) throw new InvalidResult();
  const names = result.columnMetadata.map(columnName);
  return result.records.map((record: unknown) => {
    if (!Array.isArray(record) || record.length !== names.length) throw new InvalidResult();
    const row: Record<string, unknown> = {};
    for (let i = 0; i < names.length; i++) row[names[i]] = cellValue(record[i]);
    return row;
  });
}

export function createToJsonObject() {
  // Captured now: resolver code could replace JSON.parse later in the realm (and AppSync's own
  // JSON.parse answers "" instead of throwing).
  const parse = JSON.parse;
  return function toJsonObject(data: unknown): Array<Array<Record<string, unknown>>> | null {
    try {
      const parsed: unknown = typeof data === 'string' ? parse(data) : data;
      if (!isPlainObject(parsed) || !Array.isArray(parsed.sqlStatementResults)) return RDS_INVALID_RESULT;
      return parsed.sqlStatementResults.map(statementRows);
    } catch {
      return RDS_INVALID_RESULT;
    }
  };
}
