import { frontMatterRange } from '../../parse/skill-document.js';
import type { FileRule } from '../rule.js';
import { EXAMPLE_FRONT_MATTER, examplePath, exampleSkill } from './example-skill.js';

export const profileDescriptionRequired: FileRule = {
  id: 'profile-description-required',
  scope: 'file',
  severity: 'error',
  description: 'A skill with `default_profile: true` has a `profile_description`.',
  docs: `\`default_profile: true\` puts a skill into the default agent profile that the \`popiart\` CLI
seeds for a new user (several skills of one capability may be in it), and there the skill is
described by its \`profile_description\` instead of its \`description\`. So a skill in the default
profile needs that one line. Reported at the \`default_profile\` key.`,
  examples: [
    {
      title: 'A default profile with its description',
      files: {
        [examplePath()]: exampleSkill({
          frontMatter: `${EXAMPLE_FRONT_MATTER}\ndefault_profile: true\nprofile_description: The quickest text-to-image path.`,
        }),
      },
      expected: [],
    },
    {
      title: 'Not a default profile',
      files: { [examplePath()]: exampleSkill({ frontMatter: `${EXAMPLE_FRONT_MATTER}\ndefault_profile: false` }) },
      expected: [],
    },
    {
      title: 'A default profile without a description',
      files: { [examplePath()]: exampleSkill({ frontMatter: `${EXAMPLE_FRONT_MATTER}\ndefault_profile: true` }) },
      expected: [
        `${examplePath()}:10:1 \`default_profile\` is \`true\`, so \`profile_description\` is required: add the one line that describes this skill in the default agent profile.`,
      ],
    },
  ],
  check({ doc, report }) {
    const data = doc.frontMatter?.data;
    if (data?.['default_profile'] !== true || data['profile_description'] !== undefined) return;
    report(
      frontMatterRange(doc, ['default_profile'], 'key'),
      '`default_profile` is `true`, so `profile_description` is required: add the one line that describes this skill in the default agent profile.',
    );
  },
};
