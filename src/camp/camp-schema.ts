import cron from 'node-cron';
import { z } from 'zod';
import { isValueRef, type Top } from './camp-config.js';
import { isDateOrDateTime, isIsoDate, isValidTimeZone } from './time-zone.js';

const VALUE_REF_HINT = 'expected composite, a metric (completion, attendance, exam, assignment, project, practice, participation) or "assignment:<tag>"';

const text = z.string({ error: 'expected text' }).trim().min(1, { error: 'must not be empty' });
const word = text.regex(/^\S+$/, { error: 'must not contain spaces' });
const names = z.array(word, { error: 'expected a list' });

const number = (min: number, max: number): z.ZodNumber =>
  z
    .number({ error: `expected a number from ${min} to ${max}` })
    .min(min, { error: `expected a number from ${min} to ${max}` })
    .max(max, { error: `expected a number from ${min} to ${max}` });

const whole = (min: number, max = 1_000_000): z.ZodNumber =>
  z
    .number({ error: `expected a whole number from ${min} to ${max}` })
    .int({ error: `expected a whole number from ${min} to ${max}` })
    .min(min, { error: `expected a whole number from ${min} to ${max}` })
    .max(max, { error: `expected a whole number from ${min} to ${max}` });

const date = z.string({ error: 'expected a date like 2026-11-02' }).refine(isIsoDate, { error: 'expected a date like 2026-11-02' });

const dateTime = z
  .string({ error: 'expected a local date-time like 2026-12-04T18:00' })
  .refine((value) => /[T ]\d{2}:\d{2}/.test(value) && isDateOrDateTime(value), {
    error: 'expected a local date-time like 2026-12-04T18:00',
  });

const dateOrDateTime = z
  .string({ error: 'expected a date like 2026-11-20 or a date-time like 2026-11-20T18:00' })
  .refine(isDateOrDateTime, { error: 'expected a date like 2026-11-20 or a date-time like 2026-11-20T18:00' });

const valueRef = z.string({ error: VALUE_REF_HINT }).refine(isValueRef, { error: VALUE_REF_HINT });

const cronExpression = z
  .string({ error: 'expected a cron expression like "0 20 * * *"' })
  .refine((value) => cron.validate(value), { error: 'expected a cron expression like "0 20 * * *"' });

const timezone = z
  .string({ error: 'expected an IANA time zone such as Asia/Shanghai' })
  .refine(isValidTimeZone, { error: 'expected an IANA time zone such as Asia/Shanghai' });

const webhook = z.string({ error: 'expected an http(s) URL' }).refine(isHttpUrl, { error: 'expected an http(s) URL' });

/** `10%` → percent, `3` → count; undefined when neither. */
export function parseTop(value: unknown): Top | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 1 ? { count: value } : undefined;
  if (typeof value !== 'string') return undefined;
  const percent = /^\s*(\d+(?:\.\d+)?)\s*%\s*$/.exec(value);
  if (percent) {
    const p = Number(percent[1]);
    return p > 0 && p <= 100 ? { percent: p } : undefined;
  }
  return /^\s*\d+\s*$/.test(value) && Number(value) >= 1 ? { count: Number(value) } : undefined;
}

const top = z.unknown().transform((value, ctx) => {
  const parsed = parseTop(value);
  if (parsed) return parsed;
  ctx.addIssue({ code: 'custom', message: 'expected "N%" or a whole number' });
  return z.NEVER;
});

function isHttpUrl(value: string): boolean {
  try {
    return /^https?:$/.test(new URL(value).protocol);
  } catch {
    return false;
  }
}

const weight = { weight: number(0, 100).optional() };

const metricsSchema = z.strictObject({
  completion: z.strictObject(weight).optional(),
  attendance: z.strictObject(weight).optional(),
  exam: z.strictObject(weight).optional(),
  assignment: z
    .strictObject({ ...weight, trainerShare: number(0, 1).optional(), minPeerReviews: whole(0, 1000).optional() })
    .optional(),
  project: z.strictObject({ ...weight, target: number(0.01, 1_000_000).optional() }).optional(),
  practice: z.strictObject({ ...weight, target: number(0.01, 1_000_000).optional() }).optional(),
  participation: z
    .strictObject({
      ...weight,
      target: number(0.01, 1_000_000).optional(),
      minChars: whole(0, 10_000).optional(),
      cooldownSeconds: number(0, 86_400).optional(),
      dailyCap: whole(1, 100_000).optional(),
    })
    .optional(),
});

const awardSchema = z.strictObject({
  id: word,
  name: text,
  rank: valueRef.optional(),
  team: valueRef.optional(),
  improvement: z
    .strictObject({
      metric: valueRef,
      from: z.strictObject({ at: dateOrDateTime, max: number(0, 100) }),
      to: z.strictObject({ min: number(0, 100) }),
    })
    .optional(),
  top: top.optional(),
  tieBreak: valueRef.optional(),
});

const chatSchema = z.union([word, z.strictObject({ id: word, webhook: webhook.optional() })], {
  error: 'expected a chat id or { id, webhook }',
});

const minutes = z
  .number({ error: 'expected a number of minutes greater than 0' })
  .gt(0, { error: 'expected a number of minutes greater than 0' })
  .max(10_000, { error: 'expected at most 10000 minutes' });

const sourcesSchema = z.strictObject({
  living: z.array(z.strictObject({ id: word, lesson: whole(1, 10_000), minWatchMinutes: minutes }), { error: 'expected a list' }).optional(),
  meetings: z.array(z.strictObject({ id: word, session: text.max(40, { error: 'at most 40 characters' }), minMinutes: minutes }), { error: 'expected a list' }).optional(),
});

/** The camp file's shape (SPEC §4) before defaults and cross-field checks. */
export const campFileSchema = z.strictObject({
  id: word,
  name: text,
  timezone: timezone.optional(),
  starts: date,
  ends: date,
  lessons: whole(1, 10_000).optional(),
  chats: z.array(chatSchema, { error: 'expected a list' }).optional(),
  trainers: names.optional(),
  managers: names.optional(),
  admins: z
    .strictObject({
      users: names.optional(),
      parties: z
        .array(z.union([whole(1, 2 ** 31), z.string().regex(/^\d+$/).transform(Number)], { error: 'expected a department id (a whole number)' }), {
          error: 'expected a list',
        })
        .optional(),
    })
    .optional(),
  metrics: metricsSchema.optional(),
  eligibility: z.strictObject({ minCompletion: number(0, 100).optional(), minAttendance: number(0, 100).optional() }).optional(),
  awards: z.array(awardSchema, { error: 'expected a list' }).optional(),
  prizes: z
    .record(z.string(), z.union([text, z.number().transform(String)], { error: 'expected a prize description' }), {
      error: 'expected a mapping of award id to prize',
    })
    .optional(),
  schedule: z
    .strictObject({ leaderboard: cronExpression.optional(), preview: dateTime.optional(), publish: dateTime.optional() })
    .optional(),
  sources: sourcesSchema.optional(),
});

export type CampFile = z.output<typeof campFileSchema>;
export type AwardEntry = z.output<typeof awardSchema>;
export type MetricsEntry = z.output<typeof metricsSchema>;
export type SourcesEntry = z.output<typeof sourcesSchema>;
