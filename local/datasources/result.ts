/** What a data source gives back: becomes ctx.result and ctx.error for the response handler. */
export interface DataSourceError {
  message: string;
  type: string;
}

export interface DataSourceResult {
  result?: unknown;
  error?: DataSourceError;
}
