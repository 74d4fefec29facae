import path from 'node:path';
import type { BundledPath } from '../bundled/bundled-paths.js';
import type { FileRule } from '../rule.js';
import { bodyWithGuidance } from './input-derived.js';
import { EXAMPLE_ID, examplePath, exampleSkill } from './example-skill.js';

const GUIDE = `${EXAMPLE_ID}/references/prompt-guide.md`;

export const bundledFile: FileRule = {
  id: 'bundled-file',
  scope: 'file',
  severity: 'error',
  description: "Files the SKILL.md points to (links, `references/...` paths, scripts its commands run) exist inside the skill's folder.",
  docs: `A skill is its folder: agents get the SKILL.md and the files beside it, nothing else. So every
file the body points to must be in that folder:

- a relative link or image (\`[guide](references/prompt-guide.md)\`);
- a code span naming a file under a bundle folder (\`references/\`, \`scripts/\`, \`assets/\`,
  \`templates/\`, \`examples/\`, \`resources/\`, \`data/\`), or a path starting with \`../\`;
- the script a shell example runs (\`python scripts/generate.py\`, \`bash scripts/run.sh\`,
  \`./scripts/run.sh\`).

A path that does not exist is reported, and so is one that leaves the skill folder (\`../\`), since
it is not published with the skill. URLs, anchors (\`#workflow\`), absolute paths and paths made of
shell variables are not checked, nor are the user's own files in commands (\`popiart artifacts
upload ./photo.png\`). Checked when the skill folder could be listed (not on \`--stdin\`).`,
  examples: [
    {
      title: 'A bundled guide that exists',
      files: {
        [examplePath()]: exampleSkill({ body: bodyWithGuidance('Read [the prompt guide](references/prompt-guide.md) first.') }),
        [GUIDE]: '# Prompt guide\n',
      },
      expected: [],
    },
    {
      title: 'A missing script, a missing reference, and a path out of the folder',
      files: {
        [examplePath()]: exampleSkill({
          body: bodyWithGuidance(
            'Prepare the prompt with `python scripts/expand.py "a lighthouse"`.',
            'Patterns are in `references/patterns.md`.',
            'See [the shared notes](../shared/notes.md).',
          ),
        }),
      },
      expected: [
        `${examplePath()}:49:35 \`scripts/expand.py\` is not in the skill's folder: the command runs a script that is not published with the skill. Add the file, or correct the path.`,
        `${examplePath()}:50:19 \`references/patterns.md\` is not in the skill's folder: add the file, or correct the path.`,
        `${examplePath()}:51:7 \`../shared/notes.md\` leaves the skill's folder: only the folder is published with the skill, so bundle the file inside it.`,
      ],
    },
  ],
  check({ analysis, report }) {
    const files = analysis.folderFiles;
    if (!files) return;
    const folders = new Set(files.flatMap((file) => file.split('/').slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join('/'))));
    // Collected with the other example facts (the shell reading stays out of the rule modules).
    for (const bundled of analysis.facts.bundledPaths ?? []) {
      const problem = problemOf(bundled, files, folders);
      if (problem) report(bundled.range, problem);
    }
  },
};

function problemOf(bundled: BundledPath, files: readonly string[], folders: ReadonlySet<string>): string | undefined {
  const normal = path.posix.normalize(bundled.path.replace(/\\/g, '/')).replace(/\/$/, '');
  if (normal === '..' || normal.startsWith('../')) {
    return `\`${bundled.path}\` leaves the skill's folder: only the folder is published with the skill, so bundle the file inside it.`;
  }
  if (normal === '.' || files.includes(normal) || folders.has(normal)) return undefined;
  const why = bundled.how === 'script' ? 'the command runs a script that is not published with the skill. Add the file' : 'add the file';
  return `\`${bundled.path}\` is not in the skill's folder: ${why}, or correct the path.`;
}
