import type { ErrorObject } from 'ajv';
import { didYouMean } from '../../core/suggest.js';
import { frontMatterRange } from '../../parse/skill-document.js';
import type { FileRule } from '../rule.js';
import { EXAMPLE_FRONT_MATTER, examplePath, exampleSkill } from './example-skill.js';
import { typeInWords } from '../../core/type-words.js';
import { dataPathOf, dottedPath, showValue, valueAtPath } from '../yaml-schema-errors.js';

/** What a field must be, in words, where the schema's constraint alone would read poorly. */
const FIELD_REQUIREMENTS: Record<string, string> = {
  estimated_duration_s: 'a positive whole number of seconds',
  version: '`v` and a major version number, such as `v1`',
  default_profile: '`true` or `false`',
};

export const frontmatterSchema: FileRule = {
  id: 'frontmatter-schema',
  scope: 'file',
  severity: 'error',
  description: 'Front matter fields have the types and values of schemas/skill-frontmatter.schema.json.',
  docs: `The front matter is validated against \`schemas/skill-frontmatter.schema.json\` (JSON Schema draft
2020-12; point your editor's YAML language server at it for completion). Required: \`name\`,
\`description\`, \`tags\`, \`version\`, \`model_type\`, \`estimated_duration_s\`. Each problem is reported
at the key or value concerned; a missing field is reported at the opening \`---\`.`,
  examples: [
    { title: 'Every field well typed', files: { [examplePath()]: exampleSkill() }, expected: [] },
    {
      title: 'A negative duration and an unknown model type',
      files: {
        [examplePath()]: exampleSkill({
          frontMatter: EXAMPLE_FRONT_MATTER.replace('estimated_duration_s: 60', 'estimated_duration_s: -5').replace(
            'model_type: image',
            'model_type: imgae',
          ),
        }),
      },
      expected: [
        `${examplePath()}:8:13 \`model_type\` must be one of \`image\`, \`video\`, \`audio\`, \`text\`, \`3d\`, \`multimodal\`, got "imgae". Did you mean \`image\`?`,
        `${examplePath()}:9:23 \`estimated_duration_s\` must be a positive whole number of seconds, got \`-5\`.`,
      ],
    },
    {
      title: 'A missing field and a tag that is not a word',
      files: {
        [examplePath()]: exampleSkill({
          frontMatter: EXAMPLE_FRONT_MATTER.replace('version: v1\n', '').replace('  - text2image', '  - Text To Image'),
        }),
      },
      expected: [
        `${examplePath()}:1:1 Required field \`version\` is missing.`,
        `${examplePath()}:6:5 \`tags[1]\` must be lowercase words joined by hyphens (such as \`text2image\`), got "Text To Image".`,
      ],
    },
  ],
  check({ doc, env, report }) {
    const data = doc.frontMatter?.data;
    if (!data || env.frontMatter.validate(data)) return;
    const seen = new Set<string>();
    for (const error of env.frontMatter.validate.errors ?? []) {
      const path = dataPathOf(error);
      if (isOwnedElsewhere(error, path)) continue;
      const key = error.keyword === 'required' ? `required:${String(error.params['missingProperty'])}` : path.join('/');
      if (seen.has(key)) continue;
      seen.add(key);
      if (error.keyword === 'required') {
        report({ start: { line: 1, column: 1 }, end: { line: 1, column: 4 } }, `Required field \`${String(error.params['missingProperty'])}\` is missing.`);
        continue;
      }
      report(frontMatterRange(doc, path, 'value'), describe(error, path, valueAtPath(data, path)));
    }
  },
};



/**
 * The published schema is as strict as the linter for editors, but some of its keywords belong to
 * rules with better messages: the name's shape (name-format), the description's length
 * (description-length) and unknown keys (frontmatter-unknown-field, a warning here).
 */
function isOwnedElsewhere(error: ErrorObject, path: ReadonlyArray<string | number>): boolean {
  if (error.keyword === 'additionalProperties' && path.length === 0) return true;
  if (path.length !== 1) return false;
  if (path[0] === 'name') return ['pattern', 'maxLength', 'minLength'].includes(error.keyword);
  if (path[0] === 'description') return ['pattern', 'maxLength'].includes(error.keyword);
  return false;
}

function describe(error: ErrorObject, path: ReadonlyArray<string | number>, value: unknown): string {
  const field = dottedPath(path);
  const got = `got ${showValue(value)}`;
  const top = path[0];
  if (path.length === 1 && typeof top === 'string' && FIELD_REQUIREMENTS[top]) {
    return `\`${field}\` must be ${FIELD_REQUIREMENTS[top]}, ${got}.`;
  }
  switch (error.keyword) {
    case 'type':
      return `\`${field}\` must be ${typeInWords(error.params['type'])}, ${got}.`;
    case 'enum': {
      const allowed = (error.params['allowedValues'] as unknown[]).map(String);
      return `\`${field}\` must be one of ${allowed.map((v) => `\`${v}\``).join(', ')}, ${got}.${didYouMean(String(value), allowed)}`;
    }
    case 'pattern':
      return path[0] === 'tags'
        ? `\`${field}\` must be lowercase words joined by hyphens (such as \`text2image\`), ${got}.`
        : `\`${field}\` must match ${String(error.params['pattern'])}, ${got}.`;
    case 'minLength':
      return `\`${field}\` must not be empty.`;
    case 'maxLength':
      return `\`${field}\` must be at most ${String(error.params['limit'])} characters, got ${String(value).length}.`;
    case 'minItems':
      return `\`${field}\` must list at least ${String(error.params['limit'])} item(s).`;
    case 'uniqueItems':
      return `\`${field}\` lists the same value twice (items ${String(error.params['j'])} and ${String(error.params['i'])}).`;
    case 'minimum':
      return `\`${field}\` must be at least ${String(error.params['limit'])}, ${got}.`;
    default:
      return `\`${field}\` ${error.message ?? 'is invalid'}, ${got}.`;
  }
}


