/** Deeper than this, a JSON document in a SKILL.md is not parsed: no payload nests like that, and parsers recurse. */
export const MAX_JSON_DEPTH = 64;

/** The offset of the bracket that first opens level `MAX_JSON_DEPTH + 1`, if any (strings skipped). */
export function tooDeepAt(text: string, limit = MAX_JSON_DEPTH): number | undefined {
  if (!mayNestDeeperThan(text, limit)) return undefined;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') {
      depth++;
      if (depth > limit) return i;
    } else if (c === '}' || c === ']') depth--;
  }
  return undefined;
}

/**
 * False when the text holds at most `limit` opening brackets in all (in strings too), so no bracket
 * can open a level past `limit`: a few indexOf calls instead of a look at every character.
 */
export function mayNestDeeperThan(text: string, limit: number): boolean {
  let count = 0;
  for (const bracket of ['{', '[']) {
    for (let i = text.indexOf(bracket); i !== -1; i = text.indexOf(bracket, i + 1)) if (++count > limit) return true;
  }
  return false;
}
