// typeHint.* (the Data API's SqlParameter typeHint values) and agg.* (aggregate columns).
import { RDS_HINT_VALUE_AS_STRING } from '../aws-unverified';
import { RDS_MESSAGES } from './messages';
import { makeAggregate, makeHint, type Aggregate, type HintName, type TypeHinted } from './statement';

function stringHint(hint: HintName) {
  return (value: unknown): TypeHinted => {
    if (typeof value !== 'string') throw new TypeError(RDS_MESSAGES.badHint(hint, 'a string'));
    return makeHint(hint, value);
  };
}

export function createTypeHints() {
  // Captured now: resolver code could replace JSON.stringify later in the realm.
  const stringify = JSON.stringify;
  return {
    DECIMAL(value: unknown): TypeHinted {
      if (typeof value !== 'string' && typeof value !== 'number') throw new TypeError(RDS_MESSAGES.badHint('DECIMAL', 'a string or a number'));
      return makeHint('DECIMAL', RDS_HINT_VALUE_AS_STRING.DECIMAL ? `${value}` : value);
    },
    JSON(value: unknown): TypeHinted {
      return makeHint('JSON', RDS_HINT_VALUE_AS_STRING.JSON ? stringify(value === undefined ? null : value) : value);
    },
    TIMESTAMP: stringHint('TIMESTAMP'),
    TIME: stringHint('TIME'),
    UUID: stringHint('UUID'),
    DATE: stringHint('DATE'),
  };
}

function aggregate(fn: string, name: string, distinct: boolean) {
  return (column: unknown): Aggregate => {
    if (typeof column !== 'string' || column === '') throw new TypeError(RDS_MESSAGES.badAggregate(name));
    return makeAggregate(fn, distinct, column);
  };
}

export function createAggregates() {
  return {
    max: aggregate('MAX', 'max', false),
    maxDistinct: aggregate('MAX', 'maxDistinct', true),
    min: aggregate('MIN', 'min', false),
    minDistinct: aggregate('MIN', 'minDistinct', true),
    count: aggregate('COUNT', 'count', false),
    countDistinct: aggregate('COUNT', 'countDistinct', true),
    avg: aggregate('AVG', 'avg', false),
    avgDistinct: aggregate('AVG', 'avgDistinct', true),
    sum: aggregate('SUM', 'sum', false),
    sumDistinct: aggregate('SUM', 'sumDistinct', true),
  };
}
