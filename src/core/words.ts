/** `a`, `a or b`, `a, b or c`: the distinct items joined as a list of alternatives. */
export function joinOr(items: readonly string[]): string {
  const unique = [...new Set(items)];
  if (unique.length <= 1) return unique[0] ?? '';
  return `${unique.slice(0, -1).join(', ')} or ${unique[unique.length - 1] as string}`;
}
