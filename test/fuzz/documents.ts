import fc from 'fast-check';
import { EXAMPLE_BODY, EXAMPLE_FRONT_MATTER, EXAMPLE_ID } from '../../src/check/rules/example-skill.js';

/** A generated SKILL.md (bytes, possibly not UTF-8) and an optional agents/openai.yaml beside it. */
export interface FuzzCase {
  skill: Uint8Array;
  agents?: string;
}

const FIELD_NAMES = ['prompt', 'aspect_ratio', 'toString', 'constructor', '__proto__', '50%', '%', 'a~1b', 'seed', 'strength', 'x'.repeat(70)];

const yamlValue = fc.oneof(
  fc.constantFrom('v', '"quoted"', "'single'", '|\n  block\n  text', '>-\n  folded', '[a, b]', '{a: 1}', '&anchor x', '*anchor', '!!str 1', 'null', '~', '2024-01-01', '0x1F', '.inf', 'yes'),
  fc.string({ maxLength: 20 }),
);

const frontMatter = fc.oneof(
  { weight: 4, arbitrary: fc.constant(EXAMPLE_FRONT_MATTER) },
  fc.array(fc.tuple(fc.constantFrom('name', 'description', 'tags', 'version', 'model_type', 'estimated_duration_s', 'default_profile', 'constructor', '__proto__', 'k'), yamlValue), { maxLength: 8 }).map((pairs) =>
    pairs.map(([key, value]) => `${key}: ${value}`).join('\n'),
  ),
  fc.integer({ min: 1, max: 400 }).map((depth) => `${'- '.repeat(depth)}x`),
  fc.integer({ min: 1, max: 300 }).map((depth) => Array.from({ length: depth }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n')),
  fc.integer({ min: 1, max: 2000 }).map((count) => `${EXAMPLE_FRONT_MATTER}\n${Array.from({ length: count }, (_, i) => `k${i % 500}: v`).join('\n')}`),
  fc.constantFrom('[[[[[[[[', '{a: [b, {c: d}', 'a: &x [*x]', 'a: b: c', '\t- tab', 'name: x\nname: y', ''),
);

const jsonBlock = fc.oneof(
  fc.dictionary(fc.constantFrom(...FIELD_NAMES), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 }).map((payload) => JSON.stringify(payload, null, 2)),
  fc.constantFrom('{', '{"prompt": "x",}', '[1, 2', '{"a": 1e999}', `${'['.repeat(300)}${']'.repeat(300)}`, '{"prompt": "\\ud800"}', '"just a string"'),
);

const shellBlock = fc.oneof(
  fc.constantFrom(
    `popiart run ${EXAMPLE_ID} --input @params.json --wait`,
    `popiart run ${EXAMPLE_ID} --input '{"prompt":"x","50%":1}' --wait`,
    'popiart jobs list | jq . > out.json',
    "popiart run x --input '{\n",
    'cat <<EOF\nbody\nEOF',
    '((1+)) && popiart jobs wait',
    "echo $'ansi'",
  ),
  fc.integer({ min: 1, max: 3000 }).map((n) => '|'.repeat(n)),
  fc.integer({ min: 1, max: 400 }).map((n) => 'a | <<x '.repeat(n)),
);

const inline = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom('`code`', '**bold**', '*em*', '[a]', '[a](http://x "t")', '![i](u)', '<http://x>', '<b>html</b>', '\\*', '&amp;', '\u0000', '\r', '\u2028'),
  fc.integer({ min: 1, max: 3000 }).map((n) => `${'*'.repeat(n)}x${'*'.repeat(n)}`),
  fc.integer({ min: 1, max: 2000 }).map((n) => '[a] '.repeat(n)),
  fc.integer({ min: 1, max: 1000 }).map((n) => `${'['.repeat(n)}x${']'.repeat(n)}`),
  fc.integer({ min: 1, max: 1000 }).map((n) => `${'`'.repeat(n)}x`),
  fc.integer({ min: 1, max: 20000 }).map((n) => 'w'.repeat(n)),
);

const block = fc.oneof(
  fc.constantFrom('## Required input', '## Optional input', '## Payload template', '## Command pattern', '## Output handling', '## Workflow', '# Title', '## required INPUT'),
  fc.array(fc.tuple(fc.constantFrom(...FIELD_NAMES), fc.constantFrom('', ' (integer, 1..5)', ' (one of "a", "b")', ' (string')), { minLength: 1, maxLength: 5 }).map((items) =>
    items.map(([name, annotation]) => `- \`${name}\`${annotation}: a field`).join('\n'),
  ),
  fc.constant('- one image source:\n  - `image_url`, or\n  - `source_artifact_id`'),
  jsonBlock.map((json) => `\`\`\`json\n${json}\n\`\`\``),
  shellBlock.map((sh) => `\`\`\`sh\n${sh}\n\`\`\``),
  fc.constant('[a]: http://example.com "title"'),
  fc.integer({ min: 1, max: 300 }).map((n) => `${'> '.repeat(n)}quote`),
  fc.integer({ min: 1, max: 300 }).map((n) => `${'- '.repeat(n)}item`),
  fc.constant('| a | b |\n| - | - |\n| 1 | 2 |'),
  fc.array(inline, { minLength: 1, maxLength: 4 }).map((parts) => parts.join(' ')),
);

const body = fc.oneof(
  { weight: 2, arbitrary: fc.array(block, { maxLength: 12 }).map((blocks) => `${EXAMPLE_BODY}\n${blocks.join('\n\n')}\n`) },
  fc.array(block, { maxLength: 16 }).map((blocks) => blocks.join('\n\n')),
);

const text = fc.tuple(fc.constantFrom('---', '---js', '---yaml', ''), frontMatter, fc.boolean(), body).map(([open, fm, closed, md]) =>
  open === '' ? md : `${open}\n${fm}\n${closed ? '---\n' : ''}\n${md}`,
);

/** Line endings, byte order marks and bytes that are not UTF-8, applied to a text. */
const bytes = fc
  .tuple(text, fc.constantFrom('lf', 'crlf', 'cr', 'mixed'), fc.constantFrom(0, 0, 0, 1, 2), fc.option(fc.tuple(fc.nat(), fc.constantFrom(0xff, 0xc0, 0xed, 0x80)), { freq: 8 }))
  .map(([source, endings, boms, badByte]) => {
    let written = source;
    if (endings === 'crlf') written = written.replace(/\n/g, '\r\n');
    if (endings === 'cr') written = written.replace(/\n/g, '\r');
    if (endings === 'mixed') written = written.replace(/\n/g, (_, offset: number) => (offset % 3 === 0 ? '\r\n' : offset % 3 === 1 ? '\r' : '\n'));
    const encoded = new TextEncoder().encode('\ufeff'.repeat(boms) + written);
    if (!badByte) return encoded;
    const copy = new Uint8Array(encoded);
    copy[badByte[0] % Math.max(1, copy.length)] = badByte[1];
    return copy;
  });

const agentsYaml = fc.oneof(
  fc.constant('interface:\n  display_name: "Demo"\n  short_description: "A demo skill"\n'),
  fc.integer({ min: 1, max: 400 }).map((depth) => `interface:\n${'- '.repeat(depth)}x`),
  yamlValue.map((value) => `interface:\n  display_name: ${value}\n  constructor: 1\n`),
);

export const fuzzCase: fc.Arbitrary<FuzzCase> = fc.record({ skill: bytes, agents: fc.option(agentsYaml, { freq: 4, nil: undefined }) }, { requiredKeys: ['skill'] });
