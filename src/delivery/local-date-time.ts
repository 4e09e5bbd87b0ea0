const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * The local date-time of an instant in a zone, to the minute: the key of a schedule slot.
 * @example localDateTimeOf(Date.parse('2026-12-04T02:00:00Z'), 'Asia/Shanghai') // '2026-12-04T10:00'
 */
export function localDateTimeOf(ms: number, timeZone: string): string {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
    });
    formatters.set(timeZone, format);
  }
  const parts: Record<string, string> = {};
  for (const part of format.formatToParts(new Date(ms))) parts[part.type] = part.value;
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}
