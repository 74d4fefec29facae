import { distance } from 'fastest-levenshtein';

/** Names that mean the same thing although no edit turns one into the other. */
const SYNONYMS: ReadonlyArray<readonly [string, string]> = [
  ['resolution', 'size'],
  ['dimensions', 'size'],
  ['negative', 'negative_prompt'],
  ['length_s', 'duration_s'],
  ['duration', 'duration_s'],
  ['lang', 'language'],
];

/**
 * The vocabulary field a new field name nearly repeats, if any: a synonym, the same words with a
 * unit suffix or without one (`sample_rate` and `sample_rate_hz`), the same letters without
 * underscores, or a close spelling of a longer name. Pure.
 */
export function nearDuplicateOf(name: string, known: Iterable<string>): string | undefined {
  const candidates = [...known].filter((candidate) => candidate !== name);
  for (const [a, b] of SYNONYMS) {
    if (name === a && candidates.includes(b)) return b;
    if (name === b && candidates.includes(a)) return a;
  }
  const squash = (word: string) => word.toLowerCase().replace(/_/g, '');
  const best = candidates
    .map((candidate) => {
      const affix = candidate.startsWith(`${name}_`) || name.startsWith(`${candidate}_`);
      const squashed = squash(candidate) === squash(name);
      const close = Math.min(name.length, candidate.length) >= 6 && distance(name, candidate) <= 2;
      return { candidate, score: squashed ? 0 : affix ? 1 : close ? 2 : 3 };
    })
    .filter((entry) => entry.score < 3)
    .sort((a, b) => a.score - b.score || (a.candidate < b.candidate ? -1 : 1));
  return best[0]?.candidate;
}
