import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseAgentsFile, unknownAgentsKeys, type AgentsSchema } from '../src/check/agents-openai.js';
import { isPlainYamlText, readPlainYaml } from '../src/parse/plain-yaml.js';
import { parseYaml, parseYamlDocument, spanAtPath, yamlSpanAtPath } from '../src/parse/yaml.js';
import { mulberry32 as random } from './support/seeded-random.js';

/**
 * The quick YAML reader (js-yaml with the `yaml` package's core schema) must give, on every text it
 * accepts, the value `yaml` gives and a text `yaml` finds no error in; and the spans it finds
 * without the positioned document must be `yaml`'s. Where it declines, `yaml` answers as before.
 */

const KEYS = [
  'name', 'description', 'tags', 'a', 'b', 'metadata', 'x y', '"q"', "'s'", '"a b"', "''", '""', '1', '01', '0x1F', '0o17', '1.5',
  '1.0', '-1', '+1', '.5', '1e3', 'true', 'True', 'FALSE', 'yes', 'no', 'on', 'off', '.inf', '-.Inf', '.nan', '.NaN', '<<', '__proto__',
  'constructor', 'toString', 'k-1', 'k_1', 'é', '😀', 'a:b', 'a#b', 'a,b', 'a.b', '-', '--', '- a', '"null"', "'~'", '"a\\nb"', 'y',
  'n', '2001-12-14', '1_000', '0b101', '=', 'a b c', '"key\nline"', "'key\nline'",
];
const VALUES = [
  '', 'x', 'hello world', 'v1', '1', '-0', '0', '00', '007', '0x', '0xFF', '0o8', '0o17', '1.', '.', '1.5', '1.50', '1e3', '1E-3',
  '.5e2', '+.5', '-.5', '.inf', '.Inf', '+.INF', '-.inf', '.NAN', '.nan', 'nan', 'inf', 'true', 'True', 'TRUE', 'tRue', 'yes', 'No',
  'on', 'y', 'null', 'Null', 'NULL', 'nULL', '~', '2001-12-14', '2001-12-14t21:59:43.10-05:00', '12:30:00', '1:20', '1_000', '0b1',
  '1,000', '"quoted"', '"a # b"', "'single'", "'it''s'", '"esc \\" q"', '""', "''", '"multi\n  line"', "'multi\n  line'",
  '"multi\n\n  para"', '"trail \n  x"', 'plain\n  continued', 'plain\n\n  para', 'a # comment', 'a#b', 'a: b', 'a:b', '- x', 'x -',
  '"x" # c', '"x"#c', "'x'y", '"x" y', 'é ü', '😀 emoji', 'a,b', 'a, b', 'http://x.y/z?q=1', 'C:\\x', 'x  ', 'x\t', '<< x', '- ',
  '-x', '--x', '"\\u00e9"', '"\\x41"', '"\\q"', '"\\ "', '"\\N"', '"unclosed', "'unclosed", '"', "'", ' leading', '#', ' #c', '==',
  'x=y', '1 2', 'a  b', '"a"b', '123abc', '12.3.4', '+', '-', '0.', '-.', '+1', '+0x1', '-0x1', '-0o1', '0X1', '1e', 'e1',
  '1.5e+10', '1.0e10', '[a, b]', '{a: 1}', '&x v', '*x', '!tag v', '|\n  block', '>-\n  folded', 'C#', 'a & b',
];
const INSERTS = [' ', '\n', ':', '-', '#', '"', "'", ',', '  ', '\n  ', '- ', ': ', '\n- ', '\t', '\r'];

function pick<T>(next: () => number, items: readonly T[]): T {
  return items[Math.floor(next() * items.length)] as T;
}

/** Lines of keys and values at random indentations (mostly wrong ones). */
function lines(next: () => number): string {
  const out: string[] = [];
  const count = 1 + Math.floor(next() * 8);
  for (let k = 0; k < count; k++) {
    const r = next();
    const indent = next() < 0.6 ? '' : ' '.repeat(Math.floor(next() * 6));
    const dash = next() < 0.2 ? '- ' : next() < 0.05 ? '- - ' : '';
    if (r < 0.05) out.push('');
    else if (r < 0.1) out.push(`${indent}# ${pick(next, VALUES)}`);
    else if (r < 0.2) out.push(indent + dash + pick(next, VALUES));
    else {
      const value = pick(next, VALUES);
      const separator = next() < 0.9 ? ' ' : next() < 0.5 ? '' : '  ';
      const tail = next() < 0.05 ? ' # c' : next() < 0.05 ? ' ' : '';
      out.push(`${indent}${dash}${pick(next, KEYS)}${next() < 0.05 ? ' ' : ''}:${value === '' ? '' : separator + value}${tail}`);
    }
  }
  return out.join('\n');
}

/** Nested mappings and sequences with consistent indentation (mostly valid ones). */
function nested(next: () => number, indent = '', depth = 0): string {
  const out: string[] = [];
  const count = 1 + Math.floor(next() * 4);
  const sequence = next() < 0.3;
  for (let k = 0; k < count; k++) {
    const head = sequence ? `${indent}-${next() < 0.9 ? ' ' : '  '}` : indent;
    const key = sequence && next() < 0.5 ? '' : `${pick(next, KEYS)}:`;
    if (depth < 3 && next() < 0.3) {
      const step = ' '.repeat(1 + Math.floor(next() * 3));
      const child = nested(next, (sequence && key === '' ? `${indent}  ` : indent) + step, depth + 1);
      if (sequence && key === '' && next() < 0.5) out.push(head + child.trimStart());
      else out.push(head + key, child);
    } else {
      const value = pick(next, VALUES);
      out.push(head + key + (key && value !== '' ? ' ' : '') + value + (next() < 0.1 ? ' # note' : ''));
    }
    if (next() < 0.05) out.push(next() < 0.5 ? '' : `${indent}# c`);
  }
  return out.join('\n');
}

function generated(next: () => number): string {
  let text = next() < 0.5 ? lines(next) : nested(next);
  if (next() < 0.3) {
    const at = Math.floor(next() * (text.length + 1));
    text = text.slice(0, at) + pick(next, INSERTS) + text.slice(at);
  }
  if (next() < 0.1) {
    const at = Math.floor(next() * text.length);
    text = text.slice(0, at) + text.slice(at + 1);
  }
  return next() < 0.2 ? `${text}\n` : text;
}

/** yaml's value: as the front matter reads it (Maps, keys made strings) and as agents/openai.yaml reads it (objects). */
function yamlValues(text: string): { errors: string[]; asFrontMatter?: unknown; asObjects?: unknown } {
  const { document } = parseYamlDocument(text);
  if (document.errors.length > 0) return { errors: document.errors.map((error) => error.message) };
  return { errors: [], asFrontMatter: nullPrototype(document.toJS({ mapAsMap: true, maxAliasCount: 50 })), asObjects: document.toJS({ maxAliasCount: 50 }) };
}

function nullPrototype(value: unknown): unknown {
  if (value instanceof Map) return Object.fromEntries([...value].map(([key, entry]) => [String(key), nullPrototype(entry)]));
  if (Array.isArray(value)) return value.map(nullPrototype);
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, nullPrototype(entry)]));
  return value;
}

describe('the quick YAML reader', () => {
  it('gives yaml’s value, and yaml finds no error, on every generated text it reads', () => {
    const next = random(29);
    let read = 0;
    for (let k = 0; k < 30000; k++) {
      const text = generated(next);
      const quick = readPlainYaml(text);
      if (!quick) continue;
      read++;
      const expected = yamlValues(text);
      // toEqual tells -0 from 0 and NaN equals NaN, as Object.is does.
      expect({ text, errors: [] as string[], asFrontMatter: nullPrototype(quick.value), asObjects: quick.value }).toEqual({ text, ...expected });
    }
    // Most generated texts have a construct it leaves to yaml; this says the comparison covered a good share.
    expect(read).toBeGreaterThan(4000);
  });

  it('finds the span of a top-level key yaml finds, wherever it answers without the document', () => {
    const next = random(31);
    let answered = 0;
    for (let k = 0; k < 20000; k++) {
      const text = generated(next);
      const quick = readPlainYaml(text);
      if (!quick || typeof quick.value !== 'object' || quick.value === null || Array.isArray(quick.value)) continue;
      const { document } = parseYamlDocument(text);
      const noDocument = { plain: true, text, document: undefined };
      for (const key of [...Object.keys(quick.value), 'name']) {
        const span = yamlSpanAtPath(noDocument, [key]);
        if (!span) continue;
        answered++;
        expect({ text, key, span }).toEqual({ text, key, span: spanAtPath(document, [key]) });
      }
    }
    expect(answered).toBeGreaterThan(2000);
  });

  it('reads the YAML 1.2 core schema as yaml does', () => {
    const text = [
      'a: yes', 'b: no', 'c: on', 'd: 0o17', 'e: 017', 'f: 0x1F', 'g: 1_000', 'h: 2001-12-14', 'i: .NaN', 'j: -.inf', 'k: 1.50',
      'l: 1e3', 'm: ~', 'n: Null', 'o: TRUE', 'p: "true"', "q: '1'", 'r: -0', '<<: merged', 's:', '1: one', 'true: yes',
    ].join('\n');
    const quick = readPlainYaml(text);
    expect(quick?.value).toEqual({
      a: 'yes', b: 'no', c: 'on', d: 15, e: 17, f: 31, g: '1_000', h: '2001-12-14', i: NaN, j: -Infinity, k: 1.5, l: 1000, m: null,
      n: null, o: true, p: 'true', q: '1', r: -0, '<<': 'merged', s: null, 1: 'one', true: 'yes',
    });
    expect(quick?.value).toEqual(parseDocument(text).toJS());
  });

  it.each([
    ['anchors and aliases', 'a: &x 1\nb: *x'],
    ['a tag', 'a: !!str 1'],
    ['a flow sequence', 'tags: [a, b]'],
    ['a block scalar', 'description: >-\n  folded'],
    ['an explicit key', '? a\n: b'],
    ['a tab', 'a:\tb'],
    ['a CR', 'a: b\r\nc: d'],
    ['an escape', 'a: "\\u00e9"'],
    ['a null key', 'null: x'],
    ['an empty key', ': x'],
    ['an empty sequence item', 'a:\n  -\n  - x'],
    ['a quoted value that goes on to the next line', 'a: "one\n  two"'],
    ['a comment glued to a quoted value', 'a: "x"#c'],
    ['a document end marker', 'a: 1\n...'],
    ['a line of more than 1,000 characters', `a: ${'x'.repeat(1000)}`],
    ['a lone surrogate', 'a: \ud800'],
    ['a NEL', 'a: x\u0085y'],
  ])('leaves %s to yaml', (_, text) => {
    expect(isPlainYamlText(text)).toBe(false);
    expect(readPlainYaml(text)).toBeUndefined();
  });

  it('declines what js-yaml refuses, such as a duplicate key', () => {
    expect(isPlainYamlText('a: 1\na: 2')).toBe(true);
    expect(readPlainYaml('a: 1\na: 2')).toBeUndefined();
  });

  it('reads a front matter with emoji, quotes and comments, with the spans yaml gives', () => {
    const text = "name: popiskill-x-v1 # the id\ndescription: 'It''s 😀 fast: really'\ntags:\n  - a\n  - \"b c\"\n";
    const parsed = parseYaml(text);
    expect(parsed.plain).toBe(true);
    expect(parsed.problems).toEqual([]);
    expect({ ...parsed.data }).toEqual({ name: 'popiskill-x-v1', description: "It's 😀 fast: really", tags: ['a', 'b c'] });
    expect(Object.getPrototypeOf(parsed.data)).toBeNull();
    expect(Object.getPrototypeOf(parsed.data?.['tags'])).toBe(Array.prototype);
    const noDocument = { plain: true, text, document: undefined };
    expect(yamlSpanAtPath(noDocument, ['name'])).toEqual({ key: [0, 4], value: [6, 20] });
    expect(yamlSpanAtPath(noDocument, ['description'])).toEqual({ key: [30, 41], value: [43, 66] });
    // A nested path needs the document, parsed with positions on first use.
    expect(yamlSpanAtPath(noDocument, ['tags', 1])).toBeUndefined();
    expect(yamlSpanAtPath({ plain: true, text, document: parsed.document }, ['tags', 1])).toEqual({ value: [83, 88] });
    expect(parsed.document.errors).toEqual([]);
  });

  it('keeps yaml’s reading of a front matter it declines', () => {
    const parsed = parseYaml('tags: [a, b]\nname: x\nname: y');
    expect(parsed.plain).toBe(false);
    expect(parsed.data).toBeUndefined();
    expect(parsed.problems).toEqual([{ message: 'Duplicate key: each front matter key may appear only once.', start: 21, end: 22 }]);
  });

  it('makes `__proto__` an ordinary key', () => {
    const parsed = parseYaml('__proto__: x\nname: y');
    expect(parsed.plain).toBe(true);
    expect(Object.keys(parsed.data ?? {})).toEqual(['__proto__', 'name']);
    expect(parsed.data?.['__proto__']).toBe('x');
    expect(({} as Record<string, unknown>)['x']).toBeUndefined();
  });
});

describe('agents/openai.yaml read by the quick reader', () => {
  const schema: AgentsSchema = { properties: { interface: { properties: { display_name: {}, tools: { items: { properties: { name: {} } } } } }, policy: {} } };

  it('finds the unknown keys the document walk finds, and finds none without the document', () => {
    const good = parseAgentsFile('agents/openai.yaml', 'interface:\n  display_name: "X"\n  tools:\n    - name: a\npolicy:\n  anything: 1\n');
    expect(good.plain).toBe(true);
    expect(unknownAgentsKeys(good, schema)).toEqual([]);
    const bad = parseAgentsFile('agents/openai.yaml', 'interface:\n  display_nme: "X"\n  tools:\n    - name: a\n      version: 2\n');
    expect(bad.plain).toBe(true);
    expect(unknownAgentsKeys(bad, schema).map(({ path, range }) => [path, range.start.line, range.start.column])).toEqual([
      ['interface.display_nme', 2, 3],
      ['interface.tools[0].version', 5, 7],
    ]);
  });

  it('keeps yaml’s reading of a file it declines', () => {
    const file = parseAgentsFile('agents/openai.yaml', 'interface: {display_name: X}\n');
    expect(file.plain).toBe(false);
    expect(file.data).toEqual({ interface: { display_name: 'X' } });
    expect(parseAgentsFile('agents/openai.yaml', '- a\n').problems.map((problem) => problem.message)).toEqual([
      'agents/openai.yaml must be a mapping with an `interface` key.',
    ]);
  });
});
