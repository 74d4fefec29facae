/** Deeper than this, a JSON document in a SKILL.md is not parsed: no payload nests like that, and parsers recurse. */
export const MAX_JSON_DEPTH = 64;

/** The offset of the bracket that first opens level `MAX_JSON_DEPTH + 1`, if any (strings skipped). */
export function tooDeepAt(text: string, limit = MAX_JSON_DEPTH): number | undefined {
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
