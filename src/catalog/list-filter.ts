import type { ListQuery, SkillSummary } from './types.js';

/**
 * The test `list` applies to each skill: every given filter must hold (tags: all of them, words
 * of `search`: all of them, case-insensitively). Pure.
 */
export function listFilterOf(query: ListQuery): (summary: SkillSummary, tags: ReadonlySet<string>, haystack: string) => boolean {
  const tags = (typeof query.tag === 'string' ? [query.tag] : (query.tag ?? [])).map((tag) => tag.trim().toLowerCase()).filter(Boolean);
  const words = (query.search ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const exact: Array<[keyof SkillSummary, unknown]> = [];
  for (const key of ['model_type', 'category', 'capability', 'default_profile'] as const) {
    if (query[key] !== undefined) exact.push([key, query[key]]);
  }
  return (summary, skillTags, haystack) =>
    exact.every(([key, value]) => summary[key] === value) &&
    tags.every((tag) => skillTags.has(tag)) &&
    words.every((word) => haystack.includes(word));
}
