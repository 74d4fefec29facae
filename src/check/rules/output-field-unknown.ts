import { FIELD_NAME } from '../../derive/rule-ids.js';
import { forEachNode } from '../../derive/walk.js';
import { nodeRange } from '../body-structure.js';
import type { FileRule } from '../rule.js';
import { EXAMPLE_BODY, examplePath, exampleSkill } from './example-skill.js';

export const outputFieldUnknown: FileRule = {
  id: 'output-field-unknown',
  scope: 'file',
  severity: 'warning',
  description: 'Every field named under `## Output handling` is a known output field.',
  docs: `The output schema is the shared job result plus the fields \`## Output handling\` names in code
spans that the output vocabulary knows. A field name there that neither knows is left out of the
output schema, so callers cannot rely on it. Name a field of the job result (\`job_id\`, \`status\`,
\`artifact_ids\`, ...) or of the output vocabulary (the \`output\` part of \`schemas/input-fields.json\`,
or of the catalog's own \`schemas/input-fields.json\` with \`--root\`, or of the file \`vocabulary\`
names in skillhub.config.json), or add the field there. Only code spans that look like field names
made of words joined by underscores count (\`thumbnail_urls\`): commands, paths, values such as
\`succeeded\` and single words are not read as fields.`,
  examples: [
    { title: 'Job result fields', files: { [examplePath()]: exampleSkill() }, expected: [] },
    {
      title: 'A field nobody defines',
      files: { [examplePath()]: exampleSkill({ body: EXAMPLE_BODY.replace('- read `job_id` and `artifact_ids`', '- read `job_id` and `thumbnail_urls`') }) },
      expected: [
        `${examplePath()}:44:21 \`thumbnail_urls\` is not a known output field, so it is not in the output schema: name a field of the job result or of the output vocabulary (schemas/input-fields.json \`output\`), or add it there.`,
      ],
    },
  ],
  check({ doc, env, report }) {
    const jobResult = new Set(Object.keys((env.vocabulary.jobResult['properties'] ?? {}) as Record<string, unknown>));
    for (const section of doc.sections) {
      if (section.key !== 'output handling') continue;
      forEachNode(section.children, (node) => {
        if (node.type !== 'inlineCode' || !FIELD_NAME.test(node.value) || !node.value.includes('_')) return;
        if (jobResult.has(node.value) || env.vocabulary.output.has(node.value) || env.vocabulary.input.has(node.value)) return;
        report(
          nodeRange(doc, node),
          `\`${node.value}\` is not a known output field, so it is not in the output schema: name a field of the job result or of the output vocabulary (schemas/input-fields.json \`output\`), or add it there.`,
        );
      });
    }
  },
};
