/** An instant as ISO 8601 in UTC, the form every `--json` document prints. */
export function isoOf(ms: number): string {
  return new Date(ms).toISOString();
}
