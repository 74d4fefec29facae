import { FILE_START } from '../../core/diagnostic.js';
import { compareCommittedSchema, type DerivedSide } from '../committed-schemas/compare-schemas.js';
import { schemaFileText } from '../committed-schemas/schema-files.js';
import type { LintEnvironment } from '../environment.js';
import type { CatalogRule } from '../rule.js';
import { EXAMPLE_ID, examplePath, exampleSkill } from './example-skill.js';

const COMMITTED_INPUT = `{
  "type": "object",
  "properties": {
    "prompt": { "type": "string" },
    "aspect_ratio": { "type": "string" }
  },
  "required": ["prompt"]
}
`;

export const committedSchemaDrift: CatalogRule = {
  id: 'committed-schema-drift',
  scope: 'catalog',
  eachFileAlone: true,
  fixable: true,
  severity: 'error',
  description: "A committed input_schema.json or output_schema.json agrees with the schema derived from the skill's SKILL.md.",
  docs: `The SKILL.md is the single source of truth for a skill's schemas. Catalogs that still keep
hand-written \`input_schema.json\` / \`output_schema.json\` files beside it (as the public PopiArt
catalog does) have them compared with the derived schemas (\`skillhub schema <id>\`), and every
difference a caller would notice is reported in that JSON file, where it stands: a property the
SKILL.md lists but the file lacks (at \`properties\`), a property the SKILL.md does not list (at its
key), a different \`type\` (at the type), a different \`required\` set (at \`required\` or the entry),
and an "at least one of" group the file lacks (at the opening brace) or has in addition (at its
\`anyOf\`). Descriptions and finer constraints are not compared. Fix the SKILL.md when it is wrong;
otherwise run \`skillhub validate --fix\` (or \`--write-schemas\`), which rewrites these files from the SKILL.md.`,
  examples: [
    {
      title: 'A committed schema that agrees on properties, types, required fields and groups',
      files: { [examplePath()]: exampleSkill(), [`${EXAMPLE_ID}/input_schema.json`]: COMMITTED_INPUT },
      expected: [],
    },
    {
      title: 'A hand-written schema that drifted',
      files: {
        [examplePath()]: exampleSkill(),
        [`${EXAMPLE_ID}/input_schema.json`]: COMMITTED_INPUT.replace('"aspect_ratio": { "type": "string" }', '"aspect_ratio": { "type": "number" },\n    "seed": { "type": "integer" }').replace(
          '"required": ["prompt"]',
          '"required": ["prompt", "seed"]',
        ),
      },
      expected: [
        `${EXAMPLE_ID}/input_schema.json:5:31 \`aspect_ratio\` has type "number" here but "string" in the schema derived from the SKILL.md.`,
        `${EXAMPLE_ID}/input_schema.json:6:5 \`seed\` is not in the SKILL.md: list it there or remove it here.`,
        `${EXAMPLE_ID}/input_schema.json:8:26 \`seed\` is required here but not in the SKILL.md's \`## Required input\`.`,
      ],
    },
  ],
  check({ files, env, report }) {
    for (const file of files) {
      const derived = file.derived;
      if (!derived) continue;
      const sides: Record<string, DerivedSide> = {
        'output_schema.json': { schema: derived.outputSchema, groups: [], sharedFields: unnamedJobResultFields(env, derived.outputNamed) },
      };
      // An input schema in doubt is not compared: its root cause is reported in the SKILL.md.
      if (derived.inputTrusted) sides['input_schema.json'] = { schema: derived.inputSchema, groups: derived.groups.map((group) => group.members) };
      for (const [name, companion] of Object.entries(file.companions ?? {})) {
        const side = sides[name];
        if (!side || !companion) continue;
        if (!companion.decoded.ok) {
          report(companion.filePath, FILE_START, `${name} could not be read (${companion.decoded.problem.kind}), so it cannot be compared with the SKILL.md.`);
          continue;
        }
        const findings = compareCommittedSchema(companion.decoded.text, side, name);
        if (findings.length === 0) continue;
        // The derived schema is the right answer only when the derivation had no problems.
        const fix = derived.problems.length === 0 ? { range: [0, companion.decoded.text.length] as [number, number], text: schemaFileText(side.schema) } : undefined;
        for (const finding of findings) report(companion.filePath, finding.range, finding.message, fix);
      }
    }
  },
};

/** The job result's fields the SKILL.md does not name: the shared schema, not the document, has them. */
function unnamedJobResultFields(env: LintEnvironment, named: readonly string[]): ReadonlySet<string> {
  return new Set(Object.keys((env.vocabulary.jobResult['properties'] ?? {}) as Record<string, unknown>).filter((name) => !named.includes(name)));
}
