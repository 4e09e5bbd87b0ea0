import type { CampConfig } from '../camp/camp-config.js';
import type { CreatedSource } from '../db/created-sources.js';

/** One WeCom evidence source of a camp (SPEC §13): a live lesson or a meeting, with what it maps to and its threshold. */
export type Source =
  | { kind: 'living'; id: string; lesson: number; minWatchMinutes: number }
  | { kind: 'meeting'; id: string; session: string; minMinutes: number };

/**
 * The camp's sources: those its file names, then those camp-bot created for it (`/session open … 会议`,
 * `/lesson live`) that the file does not name as well (the file's threshold wins).
 * @example campSources(camp, await createdSourcesOfCamp(store, camp.id))
 */
export function campSources(camp: CampConfig, created: readonly CreatedSource[]): Source[] {
  const sources: Source[] = [
    ...(camp.sources?.living ?? []).map((s) => ({ kind: 'living' as const, ...s })),
    ...(camp.sources?.meetings ?? []).map((s) => ({ kind: 'meeting' as const, ...s })),
  ];
  const named = new Set(sources.map(sourceKey));
  for (const row of created) {
    if (row.wecomId === null) continue;
    const source: Source = row.kind === 'living'
      ? { kind: 'living', id: row.wecomId, lesson: Number(row.target), minWatchMinutes: row.minMinutes }
      : { kind: 'meeting', id: row.wecomId, session: row.target, minMinutes: row.minMinutes };
    if (!named.has(sourceKey(source))) sources.push(source);
    named.add(sourceKey(source));
  }
  return sources;
}

/** `living:<id>` or `meeting:<id>`: a source's identity across syncs. */
export function sourceKey(source: Pick<Source, 'kind' | 'id'>): string {
  return `${source.kind}:${source.id}`;
}

/**
 * A source as people read it.
 * @example describeSource({ kind: 'meeting', id: 'M1', session: '第3课', minMinutes: 45 }) // '会议 M1（课次「第3课」）'
 */
export function describeSource(source: Source): string {
  return source.kind === 'living' ? `直播 ${source.id}（第 ${source.lesson} 课）` : `会议 ${source.id}（课次「${source.session}」）`;
}
