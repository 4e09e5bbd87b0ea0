import type { CampSources } from './camp-config.js';
import type { SourcesEntry } from './camp-schema.js';

/**
 * The camp file's `sources` with the checks the schema cannot make: a live's lesson within `lessons`, and each live
 * and each meeting named once. Problems are pushed as `key.path: what is wrong` lines.
 * @example buildSources({ living: [{ id: 'L1', lesson: 11, minWatchMinutes: 30 }] }, 10, problems) // problems: ['sources.living[0].lesson: …']
 */
export function buildSources(entry: SourcesEntry, lessons: number, problems: string[]): CampSources {
  const living = entry.living ?? [];
  const meetings = entry.meetings ?? [];
  living.forEach((source, index) => {
    if (source.lesson > lessons) problems.push(`sources.living[${index}].lesson: must be within lessons (1–${lessons})`);
  });
  checkUniqueIds('sources.living', living, problems);
  checkUniqueIds('sources.meetings', meetings, problems);
  return { living: living.map((source) => ({ ...source })), meetings: meetings.map((source) => ({ ...source })) };
}

function checkUniqueIds(path: string, sources: readonly { id: string }[], problems: string[]): void {
  const seen = new Set<string>();
  sources.forEach(({ id }, index) => {
    if (seen.has(id)) problems.push(`${path}[${index}].id: duplicate id "${id}"`);
    seen.add(id);
  });
}
