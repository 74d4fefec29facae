import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseEmbeddedJson } from '../src/check/payload/embedded-json.js';
import { valueAtPointer } from '../src/check/payload/json-pointer.js';
import { lintTimeSchema, sameJson } from '../src/check/payload/lint-schema.js';
import { hasStringWithUrlProblem, urlProblem } from '../src/check/rules/example-url.js';
import { mayNestDeeperThan, tooDeepAt } from '../src/core/json-depth.js';
import { createSourceText } from '../src/core/source-text.js';
import { mulberry32 } from './support/seeded-random.js';

/*
 * Shortcuts of the per-file phase, each held to the plain code it stands for on generated input.
 */

/** createSourceText as it was: a look at every character. */
function lineStartsByCharacter(text: string): number[] {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 10) lineStarts.push(i + 1);
    else if (code === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      lineStarts.push(i + 1);
    }
  }
  return lineStarts;
}

/** tooDeepAt as it was: a look at every character. */
function tooDeepByCharacter(text: string, limit: number): number | undefined {
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

function randomText(random: () => number, alphabet: string, length: number): string {
  let text = '';
  for (let i = 0; i < length; i++) text += alphabet[Math.floor(random() * alphabet.length)];
  return text;
}

describe('createSourceText', () => {
  it('gives the line starts of a look at every character, with and without CR', () => {
    const random = mulberry32(7);
    for (let n = 0; n < 3000; n++) {
      const alphabet = n % 2 === 0 ? 'ab \n' : 'ab\r\n';
      const text = randomText(random, alphabet, Math.floor(random() * 40));
      expect(createSourceText(text).lineStarts, JSON.stringify(text)).toEqual(lineStartsByCharacter(text));
    }
  });

  it('reads LF line ends by themselves', () => {
    expect(createSourceText('a\n\nbc\n').lineStarts).toEqual([0, 2, 3, 6]);
    expect(createSourceText('').lineStarts).toEqual([0]);
    expect(createSourceText('a\r\nb\rc\n').lineStarts).toEqual([0, 3, 5, 7]);
  });
});

describe('tooDeepAt', () => {
  it('finds what a look at every character finds, brackets in strings included', () => {
    const random = mulberry32(11);
    for (let n = 0; n < 3000; n++) {
      const limit = 1 + Math.floor(random() * 4);
      const text = randomText(random, '{[]}"\\ a', Math.floor(random() * 30));
      expect(tooDeepAt(text, limit), JSON.stringify([text, limit])).toBe(tooDeepByCharacter(text, limit));
    }
  });

  it('counts every opening bracket to decide the text cannot nest too deep', () => {
    expect(mayNestDeeperThan('{"a": [1, {"b": 2}]}', 3)).toBe(false);
    expect(mayNestDeeperThan('{"a": [1, {"b": "[x"}]}', 3)).toBe(true);
    expect(tooDeepAt('{"a": [1, {"b": "[x"}]}', 3)).toBeUndefined();
    expect(tooDeepAt('[[[[1]]]]', 3)).toBe(3);
    expect(tooDeepAt('[[["[[[["]]]', 3)).toBeUndefined();
  });
});

describe('sameJson', () => {
  const cases: Array<[unknown, unknown]> = [
    [0, -0],
    [Number.NaN, Number.NaN],
    [{ a: 1, b: 2 }, { b: 2, a: 1 }],
    [{ a: undefined }, {}],
    [{ a: undefined }, { b: undefined }],
    [[1, 2], { 0: 1, 1: 2 }],
    [[1, , 3], [1, undefined, 3]],
    [Object.assign(Object.create(null), { a: 1 }), { a: 1 }],
    [{ [Symbol.for('x')]: 1 }, {}],
    [{ type: 'string', enum: ['a', 'b'] }, { type: 'string', enum: ['a', 'b'] }],
    [{ type: ['string', 'null'] }, { type: ['null', 'string'] }],
    ['1', 1],
    [null, {}],
    [[], {}],
  ];

  it('agrees with isDeepStrictEqual on the cases it tells apart', () => {
    for (const [a, b] of cases) {
      expect(sameJson(a, b), String(JSON.stringify([a, b]))).toBe(isDeepStrictEqual(a, b));
      expect(sameJson(b, a)).toBe(isDeepStrictEqual(b, a));
    }
  });

  it('agrees with isDeepStrictEqual on generated JSON values and changed copies', () => {
    const random = mulberry32(5);
    const value = (depth: number): unknown => {
      const pick = Math.floor(random() * (depth > 2 ? 4 : 6));
      if (pick === 0) return Math.floor(random() * 3) - 1;
      if (pick === 1) return ['a', 'b', ''][Math.floor(random() * 3)];
      if (pick === 2) return [true, false, null][Math.floor(random() * 3)];
      if (pick === 3) return random() < 0.5 ? 0 : -0;
      if (pick === 4) return Array.from({ length: Math.floor(random() * 3) }, () => value(depth + 1));
      const object: Record<string, unknown> = {};
      for (const key of ['type', 'enum', 'a', 'b'].filter(() => random() < 0.5)) object[key] = value(depth + 1);
      return object;
    };
    let equal = 0;
    for (let n = 0; n < 5000; n++) {
      const a = value(0);
      const b = random() < 0.5 ? structuredClone(a) : value(0);
      if (isDeepStrictEqual(a, b)) equal++;
      expect(sameJson(a, b), JSON.stringify([a, b])).toBe(isDeepStrictEqual(a, b));
    }
    expect(equal).toBeGreaterThan(2000);
  });
});

describe('lintTimeSchema with a run-wide map of bare vocabulary entries', () => {
  it('gives the answer of a fresh map, and fills the map only with the entries it compared', () => {
    const fields = new Map<string, Record<string, unknown>>([
      ['prompt', { type: 'string', description: 'What to draw.', minLength: 1 }],
      ['seed', { type: 'integer', description: 'A seed.' }],
      ['unused', { type: 'boolean' }],
    ]);
    const published = {
      type: 'object',
      properties: { prompt: { type: 'string', description: 'Other words.', minLength: 1 }, seed: { type: 'integer', minimum: 0 } },
      required: ['prompt'],
    };
    const bareFields = new Map();
    const first = lintTimeSchema(published, fields, bareFields);
    expect(first).toEqual({
      schema: { type: 'object', properties: { prompt: true, seed: { type: 'integer', minimum: 0 } }, required: ['prompt'] },
      properties: ['prompt', 'seed'],
      referenced: ['prompt'],
    });
    expect([...bareFields]).toEqual([
      ['prompt', { type: 'string', minLength: 1 }],
      ['seed', { type: 'integer' }],
    ]);
    expect(lintTimeSchema(published, fields, bareFields)).toEqual(first);
    expect(lintTimeSchema(published, fields)).toEqual(first);
  });
});

describe('example-url: a document without a problem URL in its value is skipped', () => {
  it('finds a problem URL exactly when a node of the document holds one', () => {
    const random = mulberry32(3);
    const strings = ['"http://a.example/x"', '"https://example.com/a"', '"https://10.0.0.1/a"', '"text"', '"http:\\/\\/b.example"'];
    const keys = ['"a"', '"b"', '"__proto__"', '"a~b/c"'];
    const value = (depth: number): string => {
      const pick = Math.floor(random() * (depth > 2 ? 2 : 4));
      if (pick === 0) return strings[Math.floor(random() * strings.length)] as string;
      if (pick === 1) return String(Math.floor(random() * 9));
      if (pick === 2) return `[${Array.from({ length: Math.floor(random() * 3) }, () => value(depth + 1)).join(', ')}]`;
      return `{${Array.from({ length: Math.floor(random() * 4) }, () => `${keys[Math.floor(random() * keys.length)]}: ${value(depth + 1)}`).join(', ')}}`;
    };
    let withProblem = 0;
    for (let n = 0; n < 3000; n++) {
      const text = value(0);
      const json = parseEmbeddedJson(createSourceText(text), { text, toFile: (index) => index });
      const byNodes = Object.keys(json.nodes).some((pointer) => {
        const found = valueAtPointer(json.value, pointer);
        return typeof found === 'string' && urlProblem(found) !== undefined;
      });
      if (byNodes) withProblem++;
      expect(hasStringWithUrlProblem(json.value), text).toBe(byNodes);
    }
    expect(withProblem).toBeGreaterThan(500);
  });
});
