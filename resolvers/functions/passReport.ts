/**
 * Pipeline step of publishReport and onReport: nothing is called; the arguments pass through
 * (publishReport's become the Report its subscribers get).
 * Data source: none (NONE).
 */
import type { Context } from '@aws-appsync/utils';

export function request(ctx: Context) {
  return { payload: ctx.args };
}

export function response(ctx: Context) {
  return ctx.result;
}
