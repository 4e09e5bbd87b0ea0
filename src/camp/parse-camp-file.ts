import YAML from 'yaml';
import { ValidationError } from '../errors.js';
import { DEFAULT_AWARDS, DEFAULT_LESSONS, DEFAULT_TIMEZONE, type AwardRule, type CampConfig } from './camp-config.js';
import { campFileSchema, type CampFile } from './camp-schema.js';
import { buildAward } from './build-award.js';
import { buildMetrics, checkWeightSum } from './build-metrics.js';
import { buildSources } from './build-sources.js';
import { describeIssues } from './key-path.js';
import { isValidTimeZone, zonedTimeToUtcMs } from './time-zone.js';

export interface ParseCampOptions {
  /** Zone used when the file names none (CAMP_TIMEZONE); `Asia/Shanghai` by default. */
  defaultTimezone?: string;
}

/**
 * Parses and validates a camp file (SPEC §4), filling defaults from the example rubric. Every mistake is reported
 * at once as a ValidationError whose `problems` are `key.path: what is wrong` lines; nothing is returned partially.
 * @example parseCampFile(readFileSync('camp.yaml', 'utf8')).metrics.exam.weight // 30
 */
export function parseCampFile(yamlText: string, options: ParseCampOptions = {}): CampConfig {
  const raw = readYaml(yamlText);
  const parsed = campFileSchema.safeParse(raw);
  if (!parsed.success) throw invalid(describeIssues(parsed.error.issues, raw));
  const problems: string[] = [];
  const config = buildConfig(parsed.data, options, problems);
  if (problems.length > 0) throw invalid(problems);
  return config;
}

function invalid(problems: string[]): ValidationError {
  return new ValidationError(`invalid camp file: ${problems.join('; ')}`, problems);
}

function readYaml(yamlText: string): unknown {
  const doc = YAML.parseDocument(yamlText, { uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw invalid(
      doc.errors.map((error) => {
        const pos = error.linePos?.[0];
        const where = pos ? `line ${pos.line}, column ${pos.col}` : '(yaml)';
        return `${where}: ${(error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '')}`;
      }),
    );
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    throw invalid([`(yaml): ${(error as Error).message}`]);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw invalid(['(root): expected a mapping']);
  return value;
}

function buildConfig(file: CampFile, options: ParseCampOptions, problems: string[]): CampConfig {
  const fallbackZone = options.defaultTimezone && isValidTimeZone(options.defaultTimezone) ? options.defaultTimezone : DEFAULT_TIMEZONE;
  const timezone = file.timezone ?? fallbackZone;
  if (file.ends < file.starts) problems.push(`ends: must be on or after starts (${file.starts})`);
  const metrics = buildMetrics(file.metrics);
  const weightProblem = checkWeightSum(metrics);
  if (weightProblem) problems.push(weightProblem);
  const awards = file.awards ? buildAwards(file, timezone, problems) : structuredClone(DEFAULT_AWARDS);
  const prizes = file.prizes ?? {};
  const awardIds = new Set(awards.map((award) => award.id));
  for (const id of Object.keys(prizes)) {
    if (!awardIds.has(id)) problems.push(`prizes.${id}: no award with id "${id}"`);
  }
  const schedule = { leaderboard: file.schedule?.leaderboard ?? null, preview: file.schedule?.preview ?? null, publish: file.schedule?.publish ?? null };
  if (schedule.preview && schedule.publish && zonedTimeToUtcMs(schedule.preview, timezone) > zonedTimeToUtcMs(schedule.publish, timezone)) {
    problems.push('schedule.preview: must not be after publish');
  }
  const lessons = file.lessons ?? DEFAULT_LESSONS;
  const sources = file.sources ? { sources: buildSources(file.sources, lessons, problems) } : {};
  return {
    id: file.id,
    name: file.name,
    timezone,
    starts: file.starts,
    ends: file.ends,
    lessons,
    chats: (file.chats ?? []).map((chat) => (typeof chat === 'string' ? { id: chat } : { ...chat })),
    trainers: file.trainers ?? [],
    managers: file.managers ?? [],
    admins: { users: file.admins?.users ?? [], parties: file.admins?.parties ?? [] },
    metrics,
    eligibility: { minCompletion: file.eligibility?.minCompletion ?? 0, minAttendance: file.eligibility?.minAttendance ?? 0 },
    awards,
    prizes,
    schedule,
    ...sources,
  };
}

function buildAwards(file: CampFile, timezone: string, problems: string[]): AwardRule[] {
  const seen = new Set<string>();
  const awards: AwardRule[] = [];
  (file.awards ?? []).forEach((entry, index) => {
    if (seen.has(entry.id)) problems.push(`awards[${index}].id: duplicate id "${entry.id}"`);
    seen.add(entry.id);
    const award = buildAward(entry, index, timezone, problems);
    if (award) awards.push(award);
  });
  return awards;
}
