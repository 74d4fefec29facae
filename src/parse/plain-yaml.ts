import jsYaml from 'js-yaml';

/**
 * A quick reader for the common case: a small, valid YAML text made of block mappings and
 * sequences, plain and quoted scalars and comments. js-yaml reads such a text about ten times faster
 * than the `yaml` package, which builds a node tree with positions (about 0.15 ms a front matter);
 * the positions are only needed for a diagnostic, so yaml.ts parses with `yaml` again when one is
 * asked for, and whenever this reader declines.
 *
 * It declines (returns undefined) unless the text passes `isPlainYamlText` and js-yaml reads it
 * without error. On every text it accepts the value is the one the `yaml` package gives (YAML 1.2
 * core schema: no timestamps, no `yes`/`no`, no `<<` merge, `0o` octals), and `yaml` finds no error:
 * test/plain-yaml.test.ts compares both on generated texts.
 */

const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT_OCT = /^0o[0-7]+$/;
const INT_DEC = /^[-+]?[0-9]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

/** The `yaml` package's core schema (yaml/dist/schema/core), resolved and constructed the same way. */
const CORE_SCHEMA = jsYaml.FAILSAFE_SCHEMA.extend({
  implicit: [
    new jsYaml.Type('tag:yaml.org,2002:null', { kind: 'scalar', resolve: (text: string) => NULL.test(text), construct: () => null }),
    new jsYaml.Type('tag:yaml.org,2002:bool', {
      kind: 'scalar',
      resolve: (text: string) => BOOL.test(text),
      construct: (text: string) => text[0] === 't' || text[0] === 'T',
    }),
    new jsYaml.Type('tag:yaml.org,2002:int', {
      kind: 'scalar',
      resolve: (text: string) => INT_OCT.test(text) || INT_DEC.test(text) || INT_HEX.test(text),
      construct: (text: string) =>
        INT_OCT.test(text) ? parseInt(text.substring(2), 8) : INT_DEC.test(text) ? parseInt(text, 10) : parseInt(text.substring(2), 16),
    }),
    new jsYaml.Type('tag:yaml.org,2002:float', {
      kind: 'scalar',
      resolve: (text: string) => FLOAT_NAN.test(text) || FLOAT_EXP.test(text) || FLOAT.test(text),
      construct: (text: string) =>
        FLOAT_NAN.test(text)
          ? text.slice(-3).toLowerCase() === 'nan'
            ? NaN
            : text[0] === '-'
              ? Number.NEGATIVE_INFINITY
              : Number.POSITIVE_INFINITY
          : parseFloat(text),
    }),
  ],
});

/**
 * Characters that may open a construct where the two parsers differ or positions matter: tabs, CR,
 * anchors, aliases, tags, directives, flow collections, block scalars, explicit keys, escapes,
 * reserved indicators, and any character YAML forbids or reads as a line break (C0, DEL, C1, NEL,
 * U+2028/2029, lone surrogates, U+FEFF, U+FFFE/U+FFFF).
 */
const UNSAFE_CHARACTER = /[^\n\x20-\x7e\u{a0}-\u{2027}\u{202a}-\u{d7ff}\u{e000}-\u{fefe}\u{ff00}-\u{fffd}\u{10000}-\u{10ffff}]|[&*!%{}[\]|>?@`\\]/u;
/** A document marker, or a key that reads as null (yaml names it `''` in a plain object, js-yaml `null`). */
const UNSAFE_LINE = /^(?:---|\.\.\.|[ ]*(?:-[ ]+)*(?:~|null|Null|NULL)?[ ]*:(?:[ ]|$))/m;
/** yaml refuses an implicit key longer than 1024 characters; lines that long are left to it. */
const MAX_LINE = 1000;

/**
 * True when the text uses only the constructs the quick reader handles exactly as `yaml` does. Each
 * line is looked at alone: a quoted scalar that opens a key or a value must close on its line and be
 * followed only by `:` (a key), spaces or a comment; anything else is left to `yaml`.
 */
export function isPlainYamlText(text: string): boolean {
  if (UNSAFE_CHARACTER.test(text) || UNSAFE_LINE.test(text)) return false;
  for (let start = 0; start < text.length; ) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    if (end - start > MAX_LINE || !isPlainLine(text, start, end)) return false;
    start = end + 1;
  }
  return true;
}

function isPlainLine(text: string, start: number, end: number): boolean {
  let at = skipSpaces(text, start, end);
  if (at === end || text.charCodeAt(at) === HASH) return true;
  const lineStart = at;
  while (text.charCodeAt(at) === DASH && (at + 1 === end || text.charCodeAt(at + 1) === SPACE)) at = skipSpaces(text, at + 1, end);
  // An empty sequence item (`-` alone, or before a comment): js-yaml nests what follows differently.
  if (at > lineStart && (at === end || text.charCodeAt(at) === HASH)) return false;
  const code = text.charCodeAt(at);
  if (code === QUOTE || code === APOSTROPHE) {
    const after = quotedEnd(text, at, end);
    if (after === undefined) return false;
    const next = skipSpaces(text, after, end);
    if (next === end) return true;
    if (text.charCodeAt(next) === HASH) return next > after;
    if (text.charCodeAt(next) !== COLON || (next + 1 < end && text.charCodeAt(next + 1) !== SPACE)) return false;
    at = next + 1;
  } else {
    const colon = text.indexOf(': ', at);
    if (colon !== -1 && colon < end) at = colon + 1;
    else return true;
  }
  const value = skipSpaces(text, at, end);
  const first = text.charCodeAt(value);
  if (value === end || (first !== QUOTE && first !== APOSTROPHE)) return true;
  const after = quotedEnd(text, value, end);
  if (after === undefined) return false;
  const next = skipSpaces(text, after, end);
  return next === end || (text.charCodeAt(next) === HASH && next > after);
}

/** The offset after the quoted scalar that opens at `at`, when it closes before `end` (`''` is a quote in single quotes). */
function quotedEnd(text: string, at: number, end: number): number | undefined {
  const quote = text.charCodeAt(at);
  for (let k = at + 1; k < end; k++) {
    if (text.charCodeAt(k) !== quote) continue;
    if (quote === APOSTROPHE && text.charCodeAt(k + 1) === APOSTROPHE && k + 1 < end) {
      k++;
      continue;
    }
    return k + 1;
  }
  return undefined;
}

function skipSpaces(text: string, at: number, end: number): number {
  while (at < end && text.charCodeAt(at) === SPACE) at++;
  return at;
}

const SPACE = 32;
const HASH = 35;
const DASH = 45;
const COLON = 58;
const QUOTE = 34;
const APOSTROPHE = 39;

/** The text's value as the `yaml` package would give it (`toJS`, objects for mappings), or undefined when declined. */
export function readPlainYaml(text: string): { value: unknown } | undefined {
  if (!isPlainYamlText(text)) return undefined;
  try {
    // js-yaml reads an empty document as undefined, yaml as null.
    return { value: jsYaml.load(text, { schema: CORE_SCHEMA }) ?? null };
  } catch {
    return undefined;
  }
}
