import type { FileRule } from '../rule.js';
import { EXAMPLE_BODY, EXAMPLE_ID, examplePath, exampleSkill } from './example-skill.js';

export const payloadJson: FileRule = {
  id: 'payload-json',
  scope: 'file',
  severity: 'error',
  description: 'Payload templates and inline `popiart run --input` values are valid JSON without repeated keys.',
  docs: `Every \`\`\`json block under \`## Payload template\` (there may be several) and every inline
\`--input '<json>'\` of a \`popiart run\` example must be valid JSON (RFC 8259: double-quoted keys and
strings, no comments, no trailing commas), since agents paste them as they are. The first syntax
error of each is reported at its exact line and column in the SKILL.md, inside the fence or inside
the shell quotes (a \`\\\` continuation or CRLF line endings do not shift it), where the mistake is,
as editors show it: a trailing comma at the comma, a missing comma right after the value it should
follow, an unclosed string at its opening quote. A key written twice
in one object is an error as well: JSON readers keep only the last one. A placeholder belongs in a
string: \`"<artifact-id>"\`, not \`<artifact-id>\`. \`--input @file.json\` and \`--input -\` are not read. JSON
nested more than 64 levels deep is reported and not read further.`,
  examples: [
    { title: 'A well-formed template', files: { [examplePath()]: exampleSkill() }, expected: [] },
    {
      title: 'A trailing comma in the template',
      files: { [examplePath()]: exampleSkill({ body: EXAMPLE_BODY.replace('"aspect_ratio": "16:9"\n', '"aspect_ratio": "16:9",\n') }) },
      expected: [`${examplePath()}:38:25 Invalid JSON: trailing comma before \`}\`: remove it.`],
    },
    {
      title: 'A missing comma, and a string that is never closed',
      files: {
        [examplePath()]: exampleSkill({
          body: EXAMPLE_BODY.replace('"a lighthouse at dawn",', '"a lighthouse at dawn"').replace(
            '--input @params.json',
            `--input '{"prompt": "a lighthouse}'`,
          ),
        }),
      },
      expected: [
        `${examplePath()}:30:68 Invalid JSON: unclosed string: it opens here and has no closing \`"\`.`,
        `${examplePath()}:37:35 Invalid JSON: a \`,\` is missing between two values.`,
      ],
    },
    {
      title: 'An inline input with a repeated key and a bare placeholder',
      files: {
        [examplePath()]: exampleSkill({
          body: EXAMPLE_BODY.replace(
            '--input @params.json',
            `--input '{"prompt": "a", "prompt": "b"}'\npopiart run ${EXAMPLE_ID} --input '{"prompt": <prompt>}'`,
          ),
        }),
      },
      expected: [
        `${examplePath()}:30:73 \`prompt\` appears twice in this object; JSON readers keep only the last one.`,
        `${examplePath()}:31:68 Invalid JSON: the placeholder <prompt> must be a JSON string, "<prompt>".`,
      ],
    },
  ],
  check({ analysis, report }) {
    const documents = [
      ...(analysis.facts.payloadTemplates ?? []),
      ...(analysis.facts.runInvocations ?? []).flatMap((run) => (run.input?.kind === 'json' ? [run.input.json] : [])),
    ];
    for (const json of documents) {
      for (const problem of [...json.syntaxErrors, ...json.duplicateKeys]) report(problem.range, problem.message);
    }
  },
};
