import { rangeAt } from '../../core/source-text.js';
import { didYouMean } from '../../core/suggest.js';
import { topLevelKeys } from '../../parse/yaml.js';
import type { FileRule } from '../rule.js';
import { EXAMPLE_FRONT_MATTER, examplePath, exampleSkill } from './example-skill.js';

export const frontmatterUnknownField: FileRule = {
  id: 'frontmatter-unknown-field',
  scope: 'file',
  severity: 'warning',
  description: 'Front matter fields are ones the catalog knows (a typo is usually the cause).',
  docs: `Known fields are those of \`schemas/skill-frontmatter.schema.json\`: the PopiArt fields and the
Agent Skills standard fields \`license\`, \`compatibility\`, \`metadata\` and \`allowed-tools\`. Any other
key is ignored by the catalog, so it is reported as a warning, with the closest known field when
one is near. Put free-form data under \`metadata\`.`,
  examples: [
    { title: 'Known fields, including Agent Skills ones', files: { [examplePath()]: exampleSkill({ frontMatter: `${EXAMPLE_FRONT_MATTER}\nlicense: MIT` }) }, expected: [] },
    {
      title: 'A misspelt field',
      files: { [examplePath()]: exampleSkill({ frontMatter: `${EXAMPLE_FRONT_MATTER}\ndefault_profle: false` }) },
      expected: [`${examplePath()}:10:1 Unknown front matter field \`default_profle\`; the catalog ignores it. Did you mean \`default_profile\`?`],
    },
  ],
  check({ doc, env, report }) {
    const fm = doc.frontMatter;
    if (!fm?.data) return;
    const known = env.frontMatter.knownFields;
    // A plain front matter's keys are its data's keys: when all are known, no position is needed.
    if (fm.plain && Object.keys(fm.data).every((key) => known.includes(key))) return;
    const document = fm.document;
    if (!document) return;
    for (const { key, start, end } of topLevelKeys(document)) {
      if (known.includes(key)) continue;
      report(
        rangeAt(doc.source, start + fm.offset, end + fm.offset),
        `Unknown front matter field \`${key}\`; the catalog ignores it.${didYouMean(key, known)}`,
      );
    }
  },
};
