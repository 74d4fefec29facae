import { distance } from 'fastest-levenshtein';

/** The candidates closest to `input` (edit distance within a third of its length), best first. */
export function closestMatches(input: string, candidates: Iterable<string>, limit = 3): string[] {
  const maxDistance = Math.max(2, Math.floor(input.length / 3));
  const scored: Array<[string, number]> = [];
  for (const candidate of candidates) {
    const d = distance(input.toLowerCase(), candidate.toLowerCase());
    if (d <= maxDistance && candidate !== input) scored.push([candidate, d]);
  }
  scored.sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1));
  return scored.slice(0, limit).map(([candidate]) => candidate);
}

export function didYouMean(input: string, candidates: Iterable<string>): string {
  const [best] = closestMatches(input, candidates, 1);
  return best === undefined ? '' : ` Did you mean \`${best}\`?`;
}
