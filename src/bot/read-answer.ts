import { WeComNetworkError } from '../errors.js';

/** Fields of a WeCom answer, not yet trusted. */
export type AnswerFields = { readonly [key: string]: unknown };

/**
 * Reads the fields of a WeCom answer; an answer without a field it must have is as useless as no answer, so it
 * becomes WeComNetworkError naming the API and the field.
 * @example const read = answerReader('meeting/get_info'); read.seconds(answer, 'meeting_start')
 */
export function answerReader(api: string) {
  const malformed = (what: string) => new WeComNetworkError(api, new Error(`answer has no valid ${what}`));
  return {
    record(fields: AnswerFields, key: string): AnswerFields {
      const value = fields[key];
      if (value === null || typeof value !== 'object' || Array.isArray(value)) throw malformed(key);
      return value as AnswerFields;
    },
    /** A list, or [] when the field is absent (WeCom leaves out empty lists). */
    list(fields: AnswerFields, key: string): AnswerFields[] {
      const value = fields[key];
      if (value === undefined || value === null) return [];
      if (!Array.isArray(value) || value.some((item) => item === null || typeof item !== 'object')) throw malformed(key);
      return value as AnswerFields[];
    },
    id(fields: AnswerFields, key: string): string {
      const value = fields[key];
      const text = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
      if (typeof text !== 'string' || text.trim() === '') throw malformed(key);
      return text.trim();
    },
    /** A whole, non-negative number of seconds (WeCom's times and durations); numeric text is accepted. */
    seconds(fields: AnswerFields, key: string): number {
      const value = fields[key];
      const number = typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : value;
      if (typeof number !== 'number' || !Number.isSafeInteger(number) || number < 0) throw malformed(key);
      return number;
    },
  };
}

/** An optional text field: its trimmed text, or null when absent or blank. */
export function optionalText(fields: AnswerFields, key: string): string | null {
  const value = fields[key];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}
