import { checkPayload, inputValidator } from '../payload/check-payload.js';
import { catalogIndex, skillIdOf } from '../references/catalog-index.js';
import type { CatalogRule } from '../rule.js';
import { EXAMPLE_BODY, EXAMPLE_ID, examplePath, exampleSkill } from './example-skill.js';

const OTHER_ID = 'popiskill-image-text2image-other-v1';

export const runInput: CatalogRule = {
  id: 'run-input',
  scope: 'catalog',
  severity: 'error',
  description: "An inline `popiart run <skill> --input '<json>'` is a valid input of the skill it runs.",
  docs: `The JSON of an inline \`--input\` (or \`-i\`) is validated against the input schema of the skill that
\`popiart run\` names, which need not be the skill whose document shows it, exactly as
\`payload-schema\` validates payload templates: each problem at the key or value concerned, inside
the shell quotes, with exact positions even across \`\\\` continuations and CRLF line endings.
\`--input @file.json\`, \`--input -\`, placeholders and shell variables are not read. When the
command runs another skill, the message starts with that skill's id.`,
  examples: [
    {
      title: 'Valid inputs for this skill and another',
      files: {
        [examplePath()]: exampleSkill({
          body: EXAMPLE_BODY.replace(
            '--input @params.json --wait',
            `--input '{"prompt": "a lighthouse"}' --wait\npopiart run ${OTHER_ID} -i '{"prompt": "a harbour"}'`,
          ),
        }),
        [examplePath(OTHER_ID)]: exampleSkill().replaceAll(EXAMPLE_ID, OTHER_ID),
      },
      expected: [],
    },
    {
      title: 'An input that misses the required prompt, across a line continuation',
      files: {
        [examplePath()]: exampleSkill({
          body: EXAMPLE_BODY.replace('--input @params.json --wait', `\\\n  --input '{\n    "aspect_ratio": 16\n  }' --wait`),
        }),
      },
      expected: [
        `${examplePath()}:31:12 The input needs \`prompt\`.`,
        `${examplePath()}:32:21 \`aspect_ratio\` must be a string matching \`^[1-9][0-9]*:[1-9][0-9]*$\`, got the number 16.`,
      ],
    },
  ],
  check({ files, env, report }) {
    const index = catalogIndex(files);
    for (const file of files) {
      for (const finding of file.facts.ownRunFindings ?? []) report(file.filePath, finding.range, finding.message);
      for (const run of file.facts.runInvocations ?? []) {
        if (run.skillId === undefined || run.skillId === file.facts.name || run.input?.kind !== 'json') continue;
        const target = index.get(run.skillId);
        const schema = target?.derived?.inputTrusted ? target.derived.inputSchema : undefined;
        const validate = schema && inputValidator(env, schema);
        if (!schema || !validate) continue;
        const prefix = target && skillIdOf(target) !== skillIdOf(file) ? `\`${run.skillId}\`: ` : '';
        for (const finding of checkPayload(run.input.json, schema, validate)) report(file.filePath, finding.range, prefix + finding.message);
      }
    }
  },
};
