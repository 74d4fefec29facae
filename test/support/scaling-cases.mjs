// Hostile inputs of growing size for test/scaling.test.ts, run from the compiled code in dist/
// inside a child process that counts operations (operation-count-child.mjs).
// Each case imports only what it needs: module loading under coverage is slow.
const { parseMarkdown } = await import('../../dist/parse/markdown.js');
const { parseYaml } = await import('../../dist/parse/yaml.js');
const { EXAMPLE_BODY, EXAMPLE_FRONT_MATTER, EXAMPLE_ID, exampleSkill } = await import('../../dist/check/rules/example-skill.js');

const keys = (n) => Array.from({ length: n }, (_, i) => `k${i}: v`).join('\n');

async function analysing(text) {
  const { createLintEnvironment } = await import('../../dist/check/environment.js');
  const { analyzeFile } = await import('../../dist/check/lint.js');
  const { decodeSkillBytes } = await import('../../dist/load/decode.js');
  const { loadBashGrammar } = await import('../../dist/check/commands/bash-grammar.js');
  await loadBashGrammar();
  const env = createLintEnvironment();
  const decoded = decodeSkillBytes(new TextEncoder().encode(text));
  return () => analyzeFile({ filePath: `/c/${EXAMPLE_ID}/SKILL.md`, decoded }, env);
}

/** Each case turns a size into the work to count (or a promise of it). */
export const cases = {
  'markdown-link-references': (n) => { const text = `[a]: /u\n\n${'[a] '.repeat(n)}`; return () => parseMarkdown(text); },
  'markdown-emphasis-run': (n) => { const text = `${'*'.repeat(n)}x${'*'.repeat(n)}`; return () => parseMarkdown(text); },
  'markdown-emphasis-openers': (n) => { const text = `${'_a '.repeat(n)}b${' b*'.repeat(n)}`; return () => parseMarkdown(text); },
  'markdown-backtick-runs': (n) => { const text = `${'`'.repeat(n)}x${' ``'.repeat(n)}`; return () => parseMarkdown(text); },
  'markdown-nested-brackets': (n) => { const text = `${'['.repeat(n)}x${']('.repeat(n)}`; return () => parseMarkdown(text); },
  'yaml-many-keys': (n) => { const text = keys(n); return () => parseYaml(text); },
  'skill-many-front-matter-keys': (n) => analysing(exampleSkill({ frontMatter: `${EXAMPLE_FRONT_MATTER}\n${keys(n)}` })),
  'skill-many-listed-fields': (n) => {
    const fields = Array.from({ length: n }, (_, i) => `- \`field_${i}\`: a field, or pass \`field_${i + 1}\``).join('\n');
    return analysing(exampleSkill({ body: EXAMPLE_BODY.replace('## Optional input\n', `## Optional input\n\n${fields}\n`) }));
  },
  'skill-payload-template-many-keys': (n) => {
    const payload = `{\n  "prompt": "x",\n${Array.from({ length: n }, (_, i) => `  "k${i}": ${i}`).join(',\n')}\n}`;
    return analysing(exampleSkill({ body: EXAMPLE_BODY.replace(/```json\n[\s\S]*?\n```/, `\`\`\`json\n${payload}\n\`\`\``) }));
  },
};

/** A deliberately quadratic step (a pairwise duplicate check), to show the measure catches one. */
cases['control-quadratic'] = (n) => {
  const items = Array.from({ length: n }, (_, i) => `k${i}`);
  return () => {
    let duplicates = 0;
    for (let i = 0; i < items.length; i++) for (let j = 0; j < i; j++) if (items[i] === items[j]) duplicates++;
    return duplicates;
  };
};
