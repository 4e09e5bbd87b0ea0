import { ApiRefusal } from '../errors.js';

type Body = Record<string, unknown>;

/** A required text field, trimmed, 1–`max` characters; `what` names it to the user. */
export function textField(body: Body, key: string, what: string, max: number): string {
  const value = body[key];
  if (typeof value !== 'string' || value.trim() === '') throw new ApiRefusal(400, `请填写${what}`);
  const text = value.trim();
  if ([...text].length > max) throw new ApiRefusal(400, `${what}太长（最多 ${max} 字）`);
  return text;
}

/** An optional text field: null when absent or blank. */
export function optionalText(body: Body, key: string, what: string, max: number): string | null {
  const value = body[key];
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return null;
  return textField(body, key, what, max);
}

/** A score from 0 to 100 with at most 2 decimals (what the chat commands take). */
export function scoreField(body: Body, key = 'score'): number {
  const value = body[key];
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 100) throw new ApiRefusal(400, '分数须在 0–100 之间');
  if (Math.round(value * 100) !== value * 100) throw new ApiRefusal(400, '分数最多两位小数');
  return value;
}

/** A positive whole number (an event or submission id). */
export function idField(body: Body, key: string, what: string): number {
  const value = body[key];
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) throw new ApiRefusal(400, `${what}不正确（应为数字编号）`);
  return value;
}
