import { deprecatedFields } from '../payload/check-payload.js';
import { catalogIndex } from '../references/catalog-index.js';
import type { FileAnalysis } from '../analysis.js';
import type { PayloadFinding } from '../payload/check-payload.js';
import type { CatalogRule } from '../rule.js';
import { EXAMPLE_BODY, examplePath, exampleSkill } from './example-skill.js';

const WITH_ALIAS = EXAMPLE_BODY.replace('- Keep prompts short.', '- Keep prompts short.\n- `ratio` is a compatibility alias for `aspect_ratio`.');

export const payloadDeprecatedField: CatalogRule = {
  id: 'payload-deprecated-field',
  scope: 'catalog',
  severity: 'warning',
  description: 'Payload templates and inline `--input` values use current field names, not compatibility aliases.',
  docs: `A compatibility alias (\`\` \`X\` is a compatibility alias for \`Y\` \`\`) keeps old callers working, and its
schema is marked \`deprecated\`. Examples teach agents what to send, so a payload template or an
inline \`popiart run --input\` that uses the alias is reported at the key (a warning: the payload is
still accepted). The input of a \`popiart run\` is checked against the schema of the skill it runs.`,
  examples: [
    { title: 'The current name', files: { [examplePath()]: exampleSkill({ body: WITH_ALIAS }) }, expected: [] },
    {
      title: 'The alias in the template',
      files: { [examplePath()]: exampleSkill({ body: WITH_ALIAS.replace('"aspect_ratio": "16:9"', '"ratio": "16:9"') }) },
      expected: [`${examplePath()}:38:3 \`ratio\` is a compatibility alias for \`aspect_ratio\`; write \`aspect_ratio\` instead.`],
    },
  ],
  check({ files, report }) {
    const index = catalogIndex(files);
    for (const file of files) {
      for (const finding of file.facts.templateDeprecations ?? templateDeprecations(file)) report(file.filePath, finding.range, finding.message);
      // A catalog-only analysis has these instead of the inputs of the runs of its own name (check/catalog-only.ts).
      for (const finding of file.facts.ownRunDeprecations ?? []) report(file.filePath, finding.range, finding.message);
      for (const run of file.facts.runInvocations ?? []) {
        if (run.skillId === undefined || run.input?.kind !== 'json') continue;
        const target = index.get(run.skillId)?.derived;
        if (!target?.inputTrusted) continue;
        for (const finding of deprecatedFields(run.input.json, target.inputSchema, target)) report(file.filePath, finding.range, finding.message);
      }
    }
  },
};

/**
 * The aliases a file's own payload templates use: they depend on that file alone, so the per-file
 * phase takes them (SkillFacts.templateDeprecations) and the templates need not last until the catalog phase.
 */
export function templateDeprecations(file: FileAnalysis): PayloadFinding[] {
  const own = file.derived;
  if (!own?.inputTrusted) return [];
  return (file.facts.payloadTemplates ?? []).flatMap((template) => deprecatedFields(template, own.inputSchema, own));
}
