import { didYouMean } from '../core/suggest.js';

/**
 * The inline annotation after a field's code span: `(integer, 5..15)`, `(one of "a", "b")`,
 * `(array of string)`, `(url)`. Parts are separated by commas:
 *
 *   part    = type | range | enum | "url"
 *   type    = "string" | "integer" | "number" | "boolean" | "object" | "array" ["of" type]   (at most 8 "array of")
 *   range   = number ".." number | (">=" | ">" | "<=" | "<") number
 *   enum    = "one of" literal {("," | "or") literal}
 *   literal = JSON string | JSON number | "true" | "false"
 */
export const TYPE_NAMES = ['string', 'integer', 'number', 'boolean', 'object', 'array'] as const;
export type TypeName = (typeof TYPE_NAMES)[number];

export interface TypeSpec {
  name: TypeName;
  items?: TypeSpec;
}

export interface Bound {
  value: number;
  exclusive: boolean;
}

export type Literal = string | number | boolean;

export interface Annotation {
  type?: TypeSpec;
  lower?: Bound;
  upper?: Bound;
  enum?: Literal[];
  url?: boolean;
}

export type AnnotationParse = { ok: true; annotation: Annotation } | { ok: false; reason: string };

type Token =
  | { kind: 'word'; text: string }
  | { kind: 'number'; text: string; value: number }
  | { kind: 'string'; text: string; value: string }
  | { kind: 'op'; text: '..' | '>=' | '<=' | '>' | '<' | ',' };

/**
 * How many `array of` one annotation may nest. Payload fields nest arrays a level or two; the bound
 * keeps the functions that walk a type (and the derived schema) shallow.
 */
export const MAX_ARRAY_NESTING = 8;

const PART_WORDS = [...TYPE_NAMES, 'url', 'one of'];
const GRAMMAR_HINT = 'a type, a range such as `5..15` or `>= 0`, an enumeration such as `one of "a", "b"`, or `url`';

/** Parses the text between the parentheses. Pure. */
export function parseAnnotation(inner: string): AnnotationParse {
  const tokens = tokenize(inner);
  if (!Array.isArray(tokens)) return { ok: false, reason: tokens.reason };
  if (tokens.length === 0) return { ok: false, reason: `it is empty; write ${GRAMMAR_HINT}` };
  const parser = new Parser(tokens);
  try {
    return { ok: true, annotation: parser.parse() };
  } catch (error) {
    if (error instanceof AnnotationSyntaxError) return { ok: false, reason: error.message };
    throw error;
  }
}

class AnnotationSyntaxError extends Error {}

class Parser {
  private index = 0;
  private readonly result: Annotation = {};

  constructor(private readonly tokens: readonly Token[]) {}

  parse(): Annotation {
    for (;;) {
      this.part();
      const next = this.next();
      if (next === undefined) return this.result;
      if (!(next.kind === 'op' && next.text === ',')) fail(`expected \`,\` before \`${next.text}\``);
    }
  }

  private part(): void {
    const token = this.next();
    if (token === undefined) fail(`a part is missing after the last \`,\``);
    if (token.kind === 'word') {
      const word = token.text.toLowerCase();
      if ((TYPE_NAMES as readonly string[]).includes(word)) return this.setType(this.typeFrom(word as TypeName));
      if (word === 'url') return this.setUrl();
      if (word === 'one') return this.enumeration();
      if (word === 'optional' || word === 'required') {
        fail(`\`${token.text}\` is not a type: whether a field is required comes from its section (\`## Required input\` or \`## Optional input\`)`);
      }
      fail(`\`${token.text}\` is not ${GRAMMAR_HINT}.${didYouMean(word, PART_WORDS)}`.replace(/\.$/, ''));
    }
    if (token.kind === 'number') {
      const dots = this.peek();
      if (dots?.kind === 'op' && dots.text === '..') {
        this.index++;
        const upper = this.number(`\`${token.text}..\` needs a number after \`..\``);
        if (upper < token.value) fail(`the range \`${token.text}..${upper}\` is empty: write the smaller number first`);
        this.setBound('lower', { value: token.value, exclusive: false });
        this.setBound('upper', { value: upper, exclusive: false });
        return;
      }
      fail(`a number alone is not a range: write \`${token.text}..<max>\` or \`>= ${token.text}\``);
    }
    if (token.kind === 'op' && token.text !== ',' && token.text !== '..') {
      const value = this.number(`\`${token.text}\` needs a number after it`);
      const exclusive = token.text === '>' || token.text === '<';
      this.setBound(token.text.startsWith('>') ? 'lower' : 'upper', { value, exclusive });
      return;
    }
    fail(`\`${token.text}\` is not ${GRAMMAR_HINT}`);
  }

  /** `array of array of string`: read in a loop, not recursively, and only so deep. */
  private typeFrom(name: TypeName): TypeSpec {
    const names = [name];
    for (;;) {
      const of = this.peek();
      if (names.at(-1) !== 'array' || of?.kind !== 'word' || of.text.toLowerCase() !== 'of') break;
      this.index++;
      const item = this.next();
      const itemName = item?.kind === 'word' ? item.text.toLowerCase() : undefined;
      if (itemName === undefined || !(TYPE_NAMES as readonly string[]).includes(itemName)) {
        fail(`\`array of\` needs a type after it, such as \`array of string\``);
      }
      if (names.length > MAX_ARRAY_NESTING) fail(`it nests \`array of\` more than ${MAX_ARRAY_NESTING} levels deep`);
      names.push(itemName as TypeName);
    }
    let type: TypeSpec = { name: names.pop() as TypeName };
    for (let next = names.pop(); next !== undefined; next = names.pop()) type = { name: next, items: type };
    return type;
  }

  private enumeration(): void {
    const of = this.next();
    if (of?.kind !== 'word' || of.text.toLowerCase() !== 'of') fail('write an enumeration as `one of "a", "b"`');
    if (this.result.enum) fail('it has two `one of` lists; join them into one');
    const values = [this.literal()];
    for (;;) {
      const separator = this.peek();
      const isSeparator = (separator?.kind === 'op' && separator.text === ',') || (separator?.kind === 'word' && separator.text === 'or');
      if (!isSeparator || !isLiteral(this.tokens[this.index + 1])) break;
      this.index++;
      values.push(this.literal());
    }
    const seen = new Set<string>();
    for (const value of values) {
      const key = JSON.stringify(value);
      if (seen.has(key)) fail(`\`one of\` lists ${key} twice`);
      seen.add(key);
    }
    this.result.enum = values;
  }

  private literal(): Literal {
    const token = this.next();
    if (token === undefined || !isLiteral(token)) {
      fail(`\`one of\` takes JSON values such as "a", 5 or true${token ? `, not \`${token.text}\`` : ''}`);
    }
    if (token.kind === 'string' || token.kind === 'number') return token.value;
    return token.text === 'true';
  }

  private number(message: string): number {
    const token = this.next();
    if (token?.kind !== 'number') fail(message);
    return token.value;
  }

  private setType(type: TypeSpec): void {
    if (this.result.type) fail(`it names two types (\`${typeText(this.result.type)}\` and \`${typeText(type)}\`)`);
    this.result.type = type;
  }

  private setUrl(): void {
    if (this.result.url) fail('it says `url` twice');
    this.result.url = true;
  }

  private setBound(side: 'lower' | 'upper', bound: Bound): void {
    if (this.result[side]) fail(`it gives two ${side === 'lower' ? 'lower' : 'upper'} bounds`);
    this.result[side] = bound;
    const { lower, upper } = this.result;
    if (lower && upper && (lower.value > upper.value || (lower.value === upper.value && (lower.exclusive || upper.exclusive)))) {
      fail('its bounds leave no value');
    }
  }

  private next(): Token | undefined {
    return this.tokens[this.index++];
  }

  private peek(): Token | undefined {
    return this.tokens[this.index];
  }
}

function fail(reason: string): never {
  throw new AnnotationSyntaxError(reason);
}

function isLiteral(token: Token | undefined): token is Token & { kind: 'string' | 'number' | 'word' } {
  return token !== undefined && (token.kind === 'string' || token.kind === 'number' || (token.kind === 'word' && (token.text === 'true' || token.text === 'false')));
}

export function typeText(type: TypeSpec): string {
  return type.items ? `${type.name} of ${typeText(type.items)}` : type.name;
}

const TOKEN = /\s*(?:("(?:[^"\\]|\\.)*")|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|(\.\.|>=|<=|>|<|,)|([A-Za-z][A-Za-z0-9_-]*))/y;

function tokenize(text: string): Token[] | { reason: string } {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  let position = 0;
  while (position < text.length) {
    if (/^\s*$/.test(text.slice(position))) break;
    TOKEN.lastIndex = position;
    const match = TOKEN.exec(text);
    if (!match) {
      const rest = text.slice(position).trim();
      if (rest.startsWith('"')) return { reason: 'a string is not closed: add the closing `"`' };
      return { reason: `\`${rest.charAt(0)}\` is not ${GRAMMAR_HINT}` };
    }
    position = TOKEN.lastIndex;
    const [, quoted, number, op, word] = match;
    if (quoted !== undefined) {
      try {
        tokens.push({ kind: 'string', text: quoted, value: JSON.parse(quoted) as string });
      } catch {
        return { reason: `${quoted} is not a JSON string` };
      }
    } else if (number !== undefined) {
      tokens.push({ kind: 'number', text: number, value: Number(number) });
    } else if (op !== undefined) {
      tokens.push({ kind: 'op', text: op as '..' });
    } else if (word !== undefined) {
      tokens.push({ kind: 'word', text: word });
    }
  }
  return tokens;
}
