import type { ErrorObject } from 'ajv';
import { FILE_START } from '../../core/diagnostic.js';
import { AGENTS_FILE, agentsCompanion, agentsRange, parsedAgentsFile, type AgentsSchema } from '../agents-openai.js';
import type { CatalogRule } from '../rule.js';
import { EXAMPLE_ID, examplePath, exampleSkill } from './example-skill.js';
import { typeInWords } from '../../core/type-words.js';
import { dataPathOf, dottedPath, showValue, valueAtPath } from '../yaml-schema-errors.js';

const AGENTS_PATH = `${EXAMPLE_ID}/${AGENTS_FILE}`;

const GOOD_AGENTS = `interface:
  display_name: "Demo Text To Image"
  short_description: "Generate one image from one prompt"
  default_prompt: "Use this skill when the user wants one quick concept image."
policy:
  allow_implicit_invocation: true
`;

export const agentsInterface: CatalogRule = {
  id: 'agents-interface',
  scope: 'catalog',
  eachFileAlone: true,
  severity: 'error',
  description: "A skill's agents/openai.yaml parses and matches schemas/agents-openai.schema.json.",
  docs: `\`agents/openai.yaml\` beside a SKILL.md tells OpenAI agents (Codex and others) how to show the
skill. It is optional; when present it must parse as YAML and have an \`interface\` with
\`display_name\`, \`short_description\` (25 to 64 characters, so it fits a skill chip) and
\`default_prompt\`, and every key must have the type that \`schemas/agents-openai.schema.json\`
gives it. \`skillhub build\` publishes \`interface.display_name\` as the skill's \`name\`.
Each problem is reported in the YAML file, at the key or value concerned.`,
  examples: [
    { title: 'A complete interface', files: { [examplePath()]: exampleSkill(), [AGENTS_PATH]: GOOD_AGENTS }, expected: [] },
    { title: 'No agents/openai.yaml at all', files: { [examplePath()]: exampleSkill() }, expected: [] },
    {
      title: 'A short description that is too short, a missing prompt and a non-boolean policy',
      files: {
        [examplePath()]: exampleSkill(),
        [AGENTS_PATH]: GOOD_AGENTS.replace('Generate one image from one prompt', 'One image')
          .replace(/ {2}default_prompt: .*\n/, '')
          .replace('allow_implicit_invocation: true', 'allow_implicit_invocation: "yes"'),
      },
      expected: [
        `${AGENTS_PATH}:1:1 Required key \`interface.default_prompt\` is missing.`,
        `${AGENTS_PATH}:3:22 \`interface.short_description\` must be 25 to 64 characters long, got 9.`,
        `${AGENTS_PATH}:5:30 \`policy.allow_implicit_invocation\` must be \`true\` or \`false\`, got "yes".`,
      ],
    },
    {
      title: 'A key given twice',
      files: { [examplePath()]: exampleSkill(), [AGENTS_PATH]: GOOD_AGENTS.replace('policy:', '  display_name: "Demo"\npolicy:') },
      expected: [`${AGENTS_PATH}:5:3 Duplicate key: each key may appear only once.`],
    },
  ],
  check({ files, env, report }) {
    for (const analysis of files) {
      const companion = agentsCompanion(analysis);
      if (!companion) continue;
      if (!companion.decoded.ok) {
        report(companion.filePath, FILE_START, `${AGENTS_FILE} could not be read (${companion.decoded.problem.kind}).`);
        continue;
      }
      const file = parsedAgentsFile(analysis);
      if (!file) continue;
      for (const problem of file.problems) report(file.filePath, problem.range, problem.message);
      if (!file.data) continue;
      const validate = env.agentsOpenAi.validate;
      if (validate(file.data)) continue;
      for (const error of validate.errors ?? []) {
        const path = dataPathOf(error);
        if (error.keyword === 'required') {
          const missing = [...path, String(error.params['missingProperty'])];
          const where = path.length === 0 ? FILE_START : agentsRange(file, path, 'key');
          report(file.filePath, where, `Required key \`${dottedPath(missing)}\` is missing.`);
          continue;
        }
        const message = describe(error, path, valueAtPath(file.data, path), schemaAt(env.agentsOpenAi.schema, path));
        report(file.filePath, agentsRange(file, path, 'value'), message);
      }
    }
  },
};




function schemaAt(schema: AgentsSchema, path: ReadonlyArray<string | number>): AgentsSchema | undefined {
  let at: AgentsSchema | undefined = schema;
  for (const segment of path) {
    const properties: Record<string, AgentsSchema> | undefined = at?.properties;
    at = typeof segment === 'number' ? at?.items : properties && Object.hasOwn(properties, segment) ? properties[segment] : undefined;
  }
  return at;
}

function describe(error: ErrorObject, path: ReadonlyArray<string | number>, value: unknown, schema: AgentsSchema | undefined): string {
  const key = `\`${dottedPath(path)}\``;
  const got = `got ${showValue(value)}`;
  switch (error.keyword) {
    case 'type':
      return `${key} must be ${typeInWords(error.params['type'])}, ${got}.`;
    case 'minLength':
    case 'maxLength': {
      const min = typeof schema?.['minLength'] === 'number' ? schema['minLength'] : 0;
      const max = typeof schema?.['maxLength'] === 'number' ? schema['maxLength'] : undefined;
      if (min <= 1 && error.keyword === 'minLength') return `${key} must not be empty.`;
      const length = [...String(value)].length;
      return max === undefined ? `${key} must be at least ${min} characters long, got ${length}.` : `${key} must be ${min} to ${max} characters long, got ${length}.`;
    }
    case 'pattern':
      return path[path.length - 1] === 'brand_color' ? `${key} must be a colour written \`#RRGGBB\`, such as \`#3B82F6\`, ${got}.` : `${key} must match ${String(error.params['pattern'])}, ${got}.`;
    case 'format':
      return `${key} must be ${error.params['format'] === 'uri' ? 'an absolute URL' : `a ${String(error.params['format'])}`}, ${got}.`;
    default:
      return `${key} ${error.message ?? 'is not valid'}, ${got}.`;
  }
}

