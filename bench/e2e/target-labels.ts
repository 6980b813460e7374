/** How the report names each target. */
export const TARGET_LABELS: Record<string, string> = {
  twin: 'twin',
  peer: 'peer (amplify mock engine)',
  ceilingWrite: 'ceiling: ws + PutItem',
  ceiling: 'ceiling: bare ws',
};
