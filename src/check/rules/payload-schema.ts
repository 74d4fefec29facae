import { checkPayload, inputValidator } from '../payload/check-payload.js';
import type { FileRule } from '../rule.js';
import { EXAMPLE_BODY, examplePath, exampleSkill } from './example-skill.js';

export const payloadSchema: FileRule = {
  id: 'payload-schema',
  scope: 'file',
  severity: 'error',
  description: "Payload templates are valid inputs of the skill: they match the input schema derived from its SKILL.md.",
  docs: `Each \`\`\`json block under \`## Payload template\` is validated against the skill's own input schema,
the one derived from \`## Required input\` and \`## Optional input\` (see \`skillhub schema <id>\`), and
every problem is reported at once, each where it stands: a wrong type or value at the value, an
unknown field at its key (with the closest input), a missing required field or a missing required
group ("one image source") at the object's opening brace. A template is what agents send as it
is, so it must be a payload the server accepts. Values written as placeholders (\`"<artifact-id>"\`)
pass any value check.`,
  examples: [
    { title: 'A template the schema accepts', files: { [examplePath()]: exampleSkill() }, expected: [] },
    {
      title: 'A misspelt field and a number where text is expected',
      files: {
        [examplePath()]: exampleSkill({
          body: EXAMPLE_BODY.replace('"prompt": "a lighthouse at dawn"', '"prompt": 42').replace('"aspect_ratio"', '"aspect_ration"'),
        }),
      },
      expected: [
        `${examplePath()}:37:13 \`prompt\` must be a non-empty string, got the number 42.`,
        `${examplePath()}:38:3 \`aspect_ration\` is not an input of this skill. Did you mean \`aspect_ratio\`?`,
      ],
    },
    {
      title: 'A required field left out',
      files: { [examplePath()]: exampleSkill({ body: EXAMPLE_BODY.replace('  "prompt": "a lighthouse at dawn",\n', '') }) },
      expected: [`${examplePath()}:36:1 The input needs \`prompt\`.`],
    },
  ],
  check({ analysis, env, report }) {
    // The contract between rules (DerivedSkill.inputTrusted): no checks against a schema in doubt.
    if (!analysis.derived?.inputTrusted) return;
    const schema = analysis.derived.inputSchema;
    const validate = inputValidator(env, schema);
    if (!validate) return;
    for (const template of analysis.facts.payloadTemplates ?? []) {
      for (const finding of checkPayload(template, schema, validate)) report(finding.range, finding.message);
    }
  },
};
