import { describe, expect, it } from 'vitest';
import { isPlainObject, jsonObjectValue, parseJson } from '../src/derive/json-text.js';
import { mulberry32 } from './support/seeded-random.js';

/** What payloadExamples took before jsonObjectValue: parseJson's object, when it accepted one. */
function viaParseJson(text: string): Record<string, unknown> | undefined {
  const parsed = parseJson(text);
  return parsed.ok && isPlainObject(parsed.value) ? parsed.value : undefined;
}

const TRICKY = [',', '}', ']', '{', '[', '"', '\\', '/', '*', ':', '\u000b', '\u000c', '\u00a0', '\ufeff', '\u2028', '\u0001', '\u0000', '0', '-', '+', '.', 'e', 'E', 'u', 'x', '\n', '\r', '\t', ' ', 'n', 't', 'f'];

function generator(seed: number) {
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const space = () => pick(['', '', ' ', '\n', '\t', '\r\n', '  ']);
  const string = () =>
    JSON.stringify(
      Array.from({ length: Math.floor(random() * 6) }, () => pick(['a', 'é', '😀', '"', '\\', '/', '\n', '\u0001', '\ud800', ' ', '<x>'])).join(''),
    );
  const number = () => pick(['0', '-0', '1', '12.5', '-3e7', '1E-2', '0.0001', '123456789012345678901234567890', '5e400']);
  const value = (depth: number, kind = depth > 3 ? Math.floor(random() * 4) : Math.floor(random() * 6)): string => {
    if (kind === 0) return string();
    if (kind === 1) return number();
    if (kind === 2) return pick(['true', 'false', 'null']);
    if (kind === 3) return pick(['{}', '[]']);
    if (kind === 4) {
      const keys = Array.from({ length: Math.floor(random() * 4) }, () => pick(['"a"', '"b"', '"__proto__"', '"constructor"', string()]));
      return `{${keys.map((key) => `${space()}${key}${space()}:${space()}${value(depth + 1)}${space()}`).join(',')}}`;
    }
    return `[${Array.from({ length: Math.floor(random() * 4) }, () => `${space()}${value(depth + 1)}${space()}`).join(',')}]`;
  };
  const mutate = (text: string): string => {
    const at = Math.floor(random() * (text.length + 1));
    const choice = random();
    if (choice < 0.4) return text.slice(0, at) + pick(TRICKY) + text.slice(at);
    if (choice < 0.7) return text.slice(0, at) + text.slice(at + 1);
    return text.slice(0, at) + pick(TRICKY) + text.slice(at + 1);
  };
  return { document: () => `${space()}${random() < 0.8 ? value(0, 4) : value(0)}${space()}`, mutate, random };
}

describe('jsonObjectValue', () => {
  it('gives what parseJson gives for an object, and undefined where parseJson refuses or the value is not an object', () => {
    const cases = [
      '{"a": 1}',
      '{"__proto__": {"polluted": true}, "b": [1, 2]}',
      '{"a": 1,}',
      '{"a": 1} // comment',
      '/* c */ {"a": 1}',
      '',
      '   ',
      '[{"a": 1}]',
      '"text"',
      'null',
      '{"a": 01}',
      '{"a": 1.}',
      '{"a": .5}',
      '{"a": "\u0001"}',
      '{"a": "\\x"}',
      '{"a": "\\u12"}',
      '\ufeff{"a": 1}',
      '\u00a0{"a": 1}',
      '{"a": 1}\u000b',
      '{"a": 1} {"b": 2}',
      '{"a": NaN}',
      `${'['.repeat(65)}${']'.repeat(65)}`,
      `{"a": ${'['.repeat(64)}${']'.repeat(64)}}`,
      `{"a": ${'['.repeat(63)}${']'.repeat(63)}}`,
    ];
    for (const text of cases) expect([text, jsonObjectValue(text)]).toEqual([text, viaParseJson(text)]);
    expect(jsonObjectValue('{"__proto__": {"polluted": true}}')).toEqual(JSON.parse('{"__proto__": {"polluted": true}}'));
    expect(Object.getPrototypeOf(jsonObjectValue('{"__proto__": {"x": 1}}'))).toBe(Object.prototype);
  });

  it('agrees with parseJson on 20,000 generated documents, most of them mutated', () => {
    const { document, mutate, random } = generator(20260);
    let accepted = 0;
    for (let i = 0; i < 20_000; i++) {
      let text = document();
      const mutations = random() < 0.25 ? 0 : 1 + Math.floor(random() * 3);
      for (let m = 0; m < mutations; m++) text = mutate(text);
      const expected = viaParseJson(text);
      if (expected !== undefined) accepted++;
      expect([text, jsonObjectValue(text)]).toEqual([text, expected]);
    }
    // Both outcomes are exercised.
    expect(accepted).toBeGreaterThan(2_000);
    expect(accepted).toBeLessThan(18_000);
  });
});
