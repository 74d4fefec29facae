import { didYouMean } from '../../core/suggest.js';
import { AGENTS_FILE, parsedAgentsFile, unknownAgentsKeys } from '../agents-openai.js';
import type { CatalogRule } from '../rule.js';
import { EXAMPLE_ID, examplePath, exampleSkill } from './example-skill.js';

const AGENTS_PATH = `${EXAMPLE_ID}/${AGENTS_FILE}`;

const GOOD_AGENTS = `interface:
  display_name: "Demo Text To Image"
  short_description: "Generate one image from one prompt"
  default_prompt: "Use this skill when the user wants one quick concept image."
  brand_color: "#3B82F6"
dependencies:
  tools:
    - type: "mcp"
      value: "popiart"
`;

export const agentsUnknownKey: CatalogRule = {
  id: 'agents-unknown-key',
  scope: 'catalog',
  eachFileAlone: true,
  severity: 'warning',
  description: 'agents/openai.yaml uses only the keys that schemas/agents-openai.schema.json knows (a typo is usually the cause).',
  docs: `Agents ignore keys of \`agents/openai.yaml\` that they do not know, so a misspelt key silently
loses its setting. Known keys: \`interface\` (\`display_name\`, \`short_description\`,
\`default_prompt\`, \`icon_small\`, \`icon_large\`, \`brand_color\`), \`policy\`
(\`allow_implicit_invocation\`) and \`dependencies.tools[]\` (\`type\`, \`value\`, \`description\`,
\`transport\`, \`url\`). Any other key is a warning at the key, with the closest known key when one
is near.`,
  examples: [
    { title: 'Known keys only', files: { [examplePath()]: exampleSkill(), [AGENTS_PATH]: GOOD_AGENTS }, expected: [] },
    {
      title: 'A misspelt key and a key agents do not read',
      files: {
        [examplePath()]: exampleSkill(),
        [AGENTS_PATH]: GOOD_AGENTS.replace('  default_prompt:', '  default_promt:').replace('    - type: "mcp"', '    - type: "mcp"\n      version: "1"'),
      },
      expected: [
        `${AGENTS_PATH}:4:3 Unknown key \`interface.default_promt\` in ${AGENTS_FILE}; agents ignore it. Did you mean \`default_prompt\`?`,
        `${AGENTS_PATH}:9:7 Unknown key \`dependencies.tools[0].version\` in ${AGENTS_FILE}; agents ignore it.`,
      ],
    },
  ],
  check({ files, env, report }) {
    for (const analysis of files) {
      const file = parsedAgentsFile(analysis);
      if (!file || file.problems.length > 0) continue;
      for (const unknown of unknownAgentsKeys(file, env.agentsOpenAi.schema)) {
        report(file.filePath, unknown.range, `Unknown key \`${unknown.path}\` in ${AGENTS_FILE}; agents ignore it.${didYouMean(unknown.key, unknown.known)}`);
      }
    }
  },
};
