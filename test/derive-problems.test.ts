import { describe, expect, it } from 'vitest';
import { createAjv, createLintEnvironment } from '../src/check/environment.js';
import { lintCatalog } from '../src/check/lint.js';
import type { DeriveProblem } from '../src/derive/index.js';
import { decodeSkillBytes } from '../src/load/decode.js';
import { deriveText, skillText } from './derive-fixtures.js';

/** Problems as `line:column-line:column ruleId message`, in document order. */
function problemsOf(body: string): string[] {
  const derived = deriveText(skillText('popiskill-image-demo-v1', body));
  createAjv().compile(derived.inputSchema); // a document with problems still yields a usable schema
  return [...derived.problems].sort(byPosition).map(show);
}

function byPosition(a: DeriveProblem, b: DeriveProblem): number {
  return a.range.start.line - b.range.start.line || a.range.start.column - b.range.start.column;
}

function show(problem: DeriveProblem): string {
  const { start, end } = problem.range;
  return `${start.line}:${start.column}-${end.line}:${end.column} ${problem.ruleId} ${problem.message}`;
}

const GRAMMAR = 'a type, a range such as `5..15` or `>= 0`, an enumeration such as `one of "a", "b"`, or `url`';
const NEITHER = 'is neither a field nor a group. Write a field as `` - `name`: description `` or a group as `- one of:` with its fields nested below it.';

describe('derivation problems, at their exact ranges', () => {
  it('unknown field, contradicting and unreadable annotations, duplicates, an unknown alias target, a stray item', () => {
    const body = [
      '## Required input', // 9
      '',
      '- `promt`: what to draw', // 11
      '- `seed` (string): the seed', // 12
      '- `prompt`: what to draw', // 13
      '- `prompt`: again', // 14
      '',
      '## Optional input', // 16
      '',
      '- `strength` (0..2)', // 18
      '- `seed`', // 19
      '- `lens_mm` (integr)', // 20
      '- the look', // 21
      '',
      '## Operating guidance', // 23
      '',
      '- `ratio` is a compatibility alias for `aspect_ratio`.', // 25
      '',
    ].join('\n');
    expect(problemsOf(body)).toEqual([
      '11:3-11:10 input-field-unknown `promt` has no type: it is not in the field vocabulary (schemas/input-fields.json) and has no inline type. Add it to the vocabulary (the input part of schemas/input-fields.json, or of a catalog vocabulary read with --root or named by the vocabulary key of skillhub.config.json), or give its type here, such as `` `promt` (string): description ``. Did you mean `prompt`?',
      "12:10-12:18 input-annotation The annotation `(string)` of `seed` says `string`, but the field vocabulary makes the field an integer; an annotation may only narrow the vocabulary's type (`integer` narrows `number`), so give a field that means something else another name.",
      '14:3-14:11 input-field-duplicate `prompt` is already listed on line 13 (`## Required input`); list each field once.',
      '18:14-18:20 input-annotation The annotation `(0..2)` of `strength` allows at least 0 and at most 2, but the field vocabulary allows only at least 0 and at most 1; an annotation may only narrow a range.',
      '19:3-19:9 input-field-duplicate `seed` is already listed on line 12 (`## Required input`); list each field once.',
      `20:13-20:21 input-annotation Cannot read the annotation \`(integr)\` of \`lens_mm\`: \`integr\` is not ${GRAMMAR}. Did you mean \`integer\`?`,
      `21:3-21:11 input-list-item This item under \`## Optional input\` ${NEITHER}`,
      '25:40-25:54 input-alias-unknown `aspect_ratio` is not an input field of this skill, so `ratio` cannot be its compatibility alias: list `aspect_ratio` under `## Required input` or `## Optional input`, or correct the name.',
    ]);
  });

  it('an empty Required input, fields under a heading that is no input section, a group under Optional input', () => {
    const body = [
      '## Required input', // 9
      '',
      'Nothing is required.',
      '',
      '## Style input', // 13
      '',
      '- `style`: the look',
      '',
      '## Optional input', // 17
      '',
      '- one of:', // 19
      '  - `style`',
      '',
    ].join('\n');
    expect(problemsOf(body)).toEqual([
      '9:1-9:18 input-section `## Required input` lists no fields: list each field a run needs as `` - `name`: description ``, and a choice between fields as a group (`- one of:` with the fields nested below it).',
      "13:1-13:15 input-section `## Style input` is not an input section, so the fields it lists are not part of the skill's input. List them under `## Required input` (a choice between fields as a group: `- one of:` with the fields nested below it) or `## Optional input`.",
      '19:3-19:10 input-list-item The group `one of:` under `## Optional input` makes one of its fields required: move it to `## Required input`, or list its fields one per item.',
    ]);
  });

  it('groups of one, nested groups, unclosed annotations, remarks, stray joiners, aliases annotated or of themselves', () => {
    const body = [
      '## Required input', // 9
      '',
      '- one image source:', // 11
      '  - `image_url`',
      '- one of:', // 13
      '  - one of:', // 14
      '    - `style`',
      '- `prompt` (string', // 16
      '- `seed` (optional)', // 17
      '- `images[1]` when using arrays', // 18
      '- `duration_s` (integer, 5..15),', // 19
      '- `seconds` (integer)', // 20
      '',
      '`seconds` is a compatibility alias for `duration_s`. `duration_s` is a compatibility alias for `duration_s`.', // 22
      '',
    ].join('\n');
    expect(problemsOf(body)).toEqual([
      '11:3-11:20 input-list-item The group `one image source:` lists only one field; a group offers a choice between two or more fields (list a single required field on its own).',
      '14:5-14:12 input-list-item A group cannot hold another group: list the fields of `one of` in `one of` itself.',
      '16:12-16:19 input-list-item The annotation after `prompt` is not closed: add `)`.',
      '17:10-17:20 input-annotation Cannot read the annotation `(optional)` of `seed`: `optional` is not a type: whether a field is required comes from its section (`## Required input` or `## Optional input`).',
      '18:3-18:14 input-list-item `images[1]` is not a field name: a field name is a letter or `_` followed by letters, digits or `_`. Say more about a field in its description (`` - `name`: description ``), or move this remark out of the list.',
      '19:32-19:33 input-list-item `, or` joins the fields of a group, but `duration_s` under `## Required input` is not in one: nest the fields under a group item such as `- one of:`, or remove the `or`.',
      '20:13-20:22 input-annotation `seconds` is a compatibility alias for `duration_s` and takes its schema; annotate `duration_s` instead.',
      '22:54-22:66 input-alias-unknown `duration_s` cannot be a compatibility alias for itself.',
    ]);
  });

  it('annotations whose values, ranges or formats do not fit the field', () => {
    const body = [
      '## Optional input', // 9
      '',
      '- `seed` (one of 1.5, 2)', // 11
      '- `strength` (one of 0.5, 2)',
      '- `style` (url, 0..1)',
      '- `fps` (url)',
      '- `image` (boolean)',
      '- `duration_s` (>= 0)',
      '- `notes` (one of "a", 1)',
      '- `mode` (one of "a", 1)', // 18
      '',
    ].join('\n');
    const annotation = (line: number, start: number, end: number, text: string, field: string, reason: string) =>
      `${line}:${start}-${line}:${end} input-annotation The annotation \`${text}\` of \`${field}\` ${reason}`;
    expect(problemsOf(body)).toEqual([
      annotation(11, 10, 25, '(one of 1.5, 2)', 'seed', 'lists 1.5 in `one of`, but the field is an integer.'),
      annotation(12, 14, 29, '(one of 0.5, 2)', 'strength', 'lists 2, but the field allows only at least 0 and at most 1.'),
      annotation(13, 11, 22, '(url, 0..1)', 'style', 'gives a range, which needs an `integer` or `number` field, but the field is a string.'),
      annotation(14, 9, 14, '(url)', 'fps', 'says `url`, which needs a string field, but the field is a number.'),
      annotation(
        15, 11, 20, '(boolean)', 'image',
        "says `boolean`, but the field vocabulary makes the field a string or an array of string; an annotation may only narrow the vocabulary's type (`integer` narrows `number`), so give a field that means something else another name.",
      ),
      annotation(16, 16, 22, '(>= 0)', 'duration_s', 'allows at least 0, but the field vocabulary allows only more than 0; an annotation may only narrow a range.'),
      annotation(17, 11, 26, '(one of "a", 1)', 'notes', 'lists 1 in `one of`, but the field is a string.'),
      annotation(18, 10, 25, '(one of "a", 1)', 'mode', 'mixes values of different types in `one of`; give the field one type.'),
    ]);
  });

  it('accepts an Optional input section without a list', () => {
    expect(problemsOf('## Required input\n\n- `prompt`\n\n## Optional input\n\nNone.\n')).toEqual([]);
  });

  it('falls back to the vocabulary entry when an annotation contradicts it', () => {
    const derived = deriveText(skillText('popiskill-image-demo-v1', '## Optional input\n\n- `seed` (string): the seed\n'));
    expect(derived.inputSchema['properties']).toEqual({ seed: { type: 'integer', description: 'the seed', minimum: 0 } });
  });

  it('reports through the lint pipeline with the rule severity and the file path', () => {
    const text = skillText('popiskill-image-demo-v1', '## Required input\n\n- `promt`\n');
    const env = createLintEnvironment();
    const [result] = lintCatalog([{ filePath: '/catalog/popiskill-image-demo-v1/SKILL.md', decoded: decodeSkillBytes(new TextEncoder().encode(text)) }], env);
    const diagnostics = (result?.diagnostics ?? []).filter((diagnostic) => diagnostic.ruleId.startsWith('input-'));
    expect(diagnostics).toEqual([
      {
        ruleId: 'input-field-unknown',
        severity: 'error',
        filePath: '/catalog/popiskill-image-demo-v1/SKILL.md',
        range: { start: { line: 11, column: 3 }, end: { line: 11, column: 10 } },
        message:
          '`promt` has no type: it is not in the field vocabulary (schemas/input-fields.json) and has no inline type. Add it to the vocabulary (the input part of schemas/input-fields.json, or of a catalog vocabulary read with --root or named by the vocabulary key of skillhub.config.json), or give its type here, such as `` `promt` (string): description ``. Did you mean `prompt`?',
      },
    ]);
  });
});

describe('a paragraph between two lists of Required input', () => {
  const body = [
    '## Required input', // 9
    '',
    'Give the first frame as one image source:', // 11: before the first list, fine
    '',
    '- one image source:', // 13
    '  - `source_artifact_id`, or',
    '  - `image_url`',
    '',
    'For a start-end-frame video, give the first frame through the source above,', // 17
    'then the final frame through one of:', // 18
    '',
    '- `last_frame_image_url`', // 20
    '- `last_frame_artifact_id`',
    '',
    'Notes on the frames:', // 23: the list after it names no field
    '',
    '- the frames should match in size', // 25
    '',
    '## Optional input', // 27
    '',
    '- `prompt`',
    '',
    'Only for a looping clip:', // 31: optional fields may follow prose
    '',
    '- `seed`',
    '',
    '## Operating guidance',
    '',
    '`end_frame_image_url` is a compatibility alias for `last_frame_image_url`.',
    '',
  ].join('\n');

  it('is reported at the paragraph, once per list of fields after prose', () => {
    expect(problemsOf(body)).toEqual([
      '17:1-18:37 input-conditional-list The paragraph before this list states a condition, which the derived schema cannot check, so the fields listed after it are optional. List them under `## Optional input` and put the condition in their descriptions.',
      `25:3-25:34 input-list-item This item under \`## Required input\` ${NEITHER}`,
    ]);
  });

  it('derives the fields below it as optional, never as required on every run, and keeps the schema trusted', () => {
    const derived = deriveText(skillText('popiskill-video-demo-v1', body, 'video'));
    expect(derived.inputSchema['required']).toBeUndefined();
    expect(derived.groups.map((group) => `${group.label}: ${group.members.join(', ')}`)).toEqual([
      'one image source: source_artifact_id, image_url',
    ]);
    expect(Object.keys(derived.inputSchema['properties'] as object)).toEqual([
      'source_artifact_id',
      'image_url',
      'last_frame_image_url',
      'last_frame_artifact_id',
      'prompt',
      'seed',
      'end_frame_image_url',
    ]);
    // The stray remark under "Notes on the frames" is what leaves the schema in doubt here.
    expect(derived.inputTrusted).toBe(false);
    const withoutRemark = deriveText(skillText('popiskill-video-demo-v1', body.replace(/Notes on the frames:\n\n- the frames should match in size\n\n/, ''), 'video'));
    expect(withoutRemark.inputTrusted).toBe(true);
  });

  it('is not reported when the lists are one list, or under Optional input', () => {
    const together = body.replace(/For a start-end-frame video[^]*?one of:\n\n/, '').replace(/Notes on the frames:\n\n- the frames should match in size\n\n/, '');
    expect(problemsOf(together)).toEqual([]);
  });
});
