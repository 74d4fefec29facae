import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { BlockContent, Code, Paragraph } from 'mdast';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAjv, createLintEnvironment } from '../src/check/environment.js';
import { lintCatalog } from '../src/check/lint.js';
import { EXAMPLE_BODY, EXAMPLE_ID, exampleSkill } from '../src/check/rules/example-skill.js';
import type { CommandIo } from '../src/cli/io.js';
import { main } from '../src/cli/main.js';
import { parseAnnotation } from '../src/derive/annotation.js';
import { deriveSkill } from '../src/derive/index.js';
import { decodeSkillBytes } from '../src/load/decode.js';
import { loadVocabulary, VocabularyError } from '../src/load/vocabulary.js';
import { parseSkillDocument } from '../src/parse/skill-document.js';
import { builtInVocabulary, deriveText, skillText } from './derive-fixtures.js';

const LEVELS = 100_000;
const GOOD_TEMPLATE = '```json\n{\n  "prompt": "a lighthouse at dawn",\n  "aspect_ratio": "16:9"\n}\n```';

/**
 * The example skill with two more payload templates nested 100 000 levels deep (one line each,
 * lines 44 and 48) and a field without a type on line 20.
 */
function deepTemplateSkill(): string {
  const arrays = `{"prompt": "x", "aspect_ratio": ${'['.repeat(LEVELS)}${']'.repeat(LEVELS)}}`;
  const objects = `${'{"a":'.repeat(LEVELS)}1${'}'.repeat(LEVELS)}`;
  const body = EXAMPLE_BODY.replace('- `aspect_ratio`: framing', '- `lens_mm`: focal length\n- `aspect_ratio`: framing').replace(
    GOOD_TEMPLATE,
    `${GOOD_TEMPLATE}\n\n\`\`\`json\n${arrays}\n\`\`\`\n\n\`\`\`json\n${objects}\n\`\`\``,
  );
  return exampleSkill({ body });
}

const DEEP = 'This JSON nests more than 64 levels deep; it is not checked.';
const LENS_MM =
  '`lens_mm` has no type: it is not in the field vocabulary (schemas/input-fields.json) and has no inline type. Add it to the vocabulary (the input part of schemas/input-fields.json, or of a catalog vocabulary read with --root or named by the vocabulary key of skillhub.config.json), or give its type here, such as `` `lens_mm` (string): description ``.';

describe('a payload template nested too deep', () => {
  it('is reported by payload-json, left out of the examples, and the rest of the file is still checked', () => {
    const [result, ...others] = lintCatalog(
      [{ filePath: `/catalog/${EXAMPLE_ID}/SKILL.md`, decoded: decodeSkillBytes(new TextEncoder().encode(deepTemplateSkill())) }],
      createLintEnvironment(),
    );
    expect(others).toEqual([]);
    expect(result?.diagnostics.map((d) => `${d.range.start.line}:${d.range.start.column}-${d.range.end.line}:${d.range.end.column} ${d.ruleId} ${d.message}`)).toEqual([
      `20:3-20:12 input-field-unknown ${LENS_MM}`,
      // The bracket that opens level 65: `{"prompt": "x", "aspect_ratio": ` is 32 characters, then 63 more `[`.
      `44:96-44:97 payload-json ${DEEP}`,
      // The 65th `{"a":`.
      `48:321-48:322 payload-json ${DEEP}`,
    ]);
    expect(result?.analysis.derived?.inputSchema['examples']).toEqual([{ prompt: 'a lighthouse at dawn', aspect_ratio: '16:9' }]);
  });

  it('makes skillhub validate exit 1 with the diagnostics, not 2 with a crash', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'skillhub-deep-'));
    try {
      await mkdir(path.join(root, 'skills', EXAMPLE_ID), { recursive: true });
      await writeFile(path.join(root, 'skills', EXAMPLE_ID, 'SKILL.md'), deepTemplateSkill());
      const out: string[] = [];
      const err: string[] = [];
      const io: CommandIo = { cwd: root, stdout: (text) => void out.push(text), stderr: (text) => void err.push(text), readStdin: async () => '' };
      expect(await main(['validate', 'skills'], io)).toBe(1);
      expect(err).toEqual([]);
      expect(out.join('')).toBe(
        [
          `skills/${EXAMPLE_ID}/SKILL.md`,
          `  20:3    error  ${LENS_MM}  input-field-unknown`,
          `  44:96   error  ${DEEP}  payload-json`,
          `  48:321  error  ${DEEP}  payload-json`,
          '',
          '✖ 3 problems (3 errors, 0 warnings)',
          '',
        ].join('\n'),
      );
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

describe('a field vocabulary nested too deep', () => {
  let root: string;

  beforeEach(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'skillhub-deep-vocabulary-'));
    await mkdir(path.join(root, 'schemas'));
  });

  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('is refused with its position, unread', async () => {
    const file = path.join(root, 'schemas', 'input-fields.json');
    // `{` opens level 1 and the first `[` (offset 9) level 2, so level 65 opens at offset 72.
    await writeFile(file, `{"input":${'['.repeat(LEVELS)}${']'.repeat(LEVELS)}}`);
    expect(() => loadVocabulary(createAjv(), root)).toThrow(VocabularyError);
    expect(() => loadVocabulary(createAjv(), root)).toThrow(`${file}:1:73: it nests more than 64 levels deep; no field needs that, so it is not read`);
  });

  it('makes skillhub schema exit 2 with that message', async () => {
    await mkdir(path.join(root, 'skills', 'popiskill-image-demo-v1'), { recursive: true });
    await writeFile(path.join(root, 'skills', 'popiskill-image-demo-v1', 'SKILL.md'), skillText('popiskill-image-demo-v1', '# Demo\n'));
    const file = path.join(root, 'schemas', 'input-fields.json');
    await writeFile(file, `${'{"input":'.repeat(LEVELS)}{}${'}'.repeat(LEVELS)}`);
    const out: string[] = [];
    const err: string[] = [];
    const io: CommandIo = { cwd: root, stdout: (text) => void out.push(text), stderr: (text) => void err.push(text), readStdin: async () => '' };
    expect(await main(['schema', 'popiskill-image-demo-v1', '--root', root], io)).toBe(2);
    expect(out).toEqual([]);
    // The 65th `{"input":` starts at offset 64 * 9.
    expect(err.join('')).toBe(`skillhub schema: ${file}:1:577: it nests more than 64 levels deep; no field needs that, so it is not read\n`);
  });
});

describe('annotations nest `array of` at most 8 levels', () => {
  const nested = (levels: number) => `${'array of '.repeat(levels)}string`;

  it('reads 8 levels', () => {
    const parsed = parseAnnotation(nested(8));
    expect(parsed.ok).toBe(true);
    const derived = deriveText(skillText('popiskill-image-demo-v1', `## Optional input\n\n- \`grid\` (${nested(8)}): cells\n`));
    let schema = (derived.inputSchema['properties'] as Record<string, Record<string, unknown>>)['grid'];
    for (let level = 0; level < 8; level++) {
      expect(schema?.['type']).toBe('array');
      schema = schema?.['items'] as Record<string, unknown>;
    }
    expect(schema).toEqual({ type: 'string' });
    expect(derived.problems).toEqual([]);
  });

  it('refuses 9 levels, and 100 000 without overflowing the stack', () => {
    const reason = 'it nests `array of` more than 8 levels deep';
    expect(parseAnnotation(nested(9))).toEqual({ ok: false, reason });
    const annotation = `(${nested(LEVELS)})`;
    const derived = deriveText(skillText('popiskill-image-demo-v1', `## Optional input\n\n- \`grid\` ${annotation}: cells\n`));
    expect(derived.problems).toEqual([
      {
        ruleId: 'input-annotation',
        message: `Cannot read the annotation \`${annotation}\` of \`grid\`: ${reason}.`,
        range: { start: { line: 11, column: 10 }, end: { line: 11, column: 10 + annotation.length } },
      },
    ]);
  });
});

describe('derivation walks the Markdown tree without recursion', () => {
  /** `node` inside 100 000 nested block quotes: the parser does not bound how deep they nest. */
  function deep(node: BlockContent): BlockContent {
    let wrapped = node;
    for (let level = 0; level < LEVELS; level++) wrapped = { type: 'blockquote', children: [wrapped] };
    return wrapped;
  }

  it('finds fields, payload templates, aliases and output fields at any depth', () => {
    const doc = parseSkillDocument(
      '/catalog/popiskill-image-demo-v1/SKILL.md',
      skillText('popiskill-image-demo-v1', '## Required input\n\n- `prompt`\n\n## Source input\n\n## Payload template\n\n## Output handling\n\n## Operating guidance\n'),
    );
    const sectionOf = (key: string) => {
      const section = doc.sections.find((candidate) => candidate.key === key);
      if (!section) throw new Error(key);
      return section;
    };
    // Positions of the existing heading, so the inserted nodes have ranges to report.
    const position = sectionOf('source input').heading.position;
    const inlineCode = (value: string) => ({ type: 'inlineCode' as const, value, position });
    const paragraph = (...children: Paragraph['children']): Paragraph => ({ type: 'paragraph', children, position });
    const code: Code = { type: 'code', lang: 'json', value: '{"prompt": "deep"}', position };
    sectionOf('source input').children.push(deep({ type: 'list', children: [{ type: 'listItem', children: [paragraph(inlineCode('image_url'))] }] }));
    sectionOf('payload template').children.push(deep(code));
    sectionOf('output handling').children.push(deep(paragraph(inlineCode('model_id'))));
    const alias = deep(paragraph(inlineCode('text'), { type: 'text', value: ' is a compatibility alias for ' }, inlineCode('prompt')));
    sectionOf('operating guidance').children.push(alias);
    doc.body.children.push(alias);

    const derived = deriveSkill(doc, builtInVocabulary());
    expect(derived.problems.map((problem) => `${problem.range.start.line}:${problem.range.start.column} ${problem.ruleId}`)).toEqual(['13:1 input-section']);
    expect(derived.inputSchema['examples']).toEqual([{ prompt: 'deep' }]);
    expect(derived.fields.map((field) => `${field.name}${field.aliasOf ? ` -> ${field.aliasOf}` : ''}`)).toEqual(['prompt', 'text -> prompt']);
    expect(Object.keys(derived.outputSchema['properties'] as object)).toContain('model_id');
  });
});
