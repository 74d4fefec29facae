import { frontMatterRange } from '../../parse/skill-document.js';
import { replaceRange } from '../../fix/fix-builders.js';
import type { FileRule } from '../rule.js';
import { skillNamePartsOf } from '../skill-name.js';
import { EXAMPLE_FRONT_MATTER, examplePath, exampleSkill } from './example-skill.js';

const VERSION = /^v[1-9][0-9]*$/;

export const versionMatchesName: FileRule = {
  id: 'version-matches-name',
  scope: 'file',
  severity: 'error',
  fixable: true,
  description: '`version` equals the `v<major>` at the end of `name`.',
  docs: `The major version is part of the skill id (\`...-v1\`), and \`version\` states it again so tools can
read it without parsing the id. The two must agree; a new major version is a new skill folder with
a new name. \`--fix\` sets \`version\` from the name. A \`version\` that is not of the form \`v<major>\` is reported by \`frontmatter-schema\`
instead, and a malformed \`name\` by \`name-format\`.`,
  examples: [
    { title: 'Both say v1', files: { [examplePath()]: exampleSkill() }, expected: [] },
    {
      title: 'The version was bumped but the name was not',
      files: { [examplePath()]: exampleSkill({ frontMatter: EXAMPLE_FRONT_MATTER.replace('version: v1', 'version: v2') }) },
      expected: [`${examplePath()}:7:10 \`version\` is \`v2\` but the name ends in \`-v1\`: make them agree.`],
    },
  ],
  check({ doc, report }) {
    const version = doc.frontMatter?.data?.['version'];
    const parts = skillNamePartsOf(doc);
    if (typeof version !== 'string' || !VERSION.test(version) || !parts) return;
    const expected = `v${parts.major}`;
    if (version === expected) return;
    const range = frontMatterRange(doc, ['version'], 'value');
    report(range, `\`version\` is \`${version}\` but the name ends in \`-${expected}\`: make them agree.`, replaceRange(doc, range, expected));
  },
};
