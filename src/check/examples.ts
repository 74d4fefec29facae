import path from 'node:path';
import type { Diagnostic } from '../core/diagnostic.js';
import { decodeSkillBytes } from '../load/decode.js';
import { isSkillFileName } from '../load/discover.js';
import { COMPANION_FILES } from '../load/read.js';
import { loadBashGrammar } from './commands/bash-grammar.js';
import { createLintEnvironment } from './environment.js';
import { lintCatalog, type LintInput, type LintResult } from './lint.js';
import type { Rule, RuleExample } from './rule.js';

// The examples are linted synchronously, whatever shell they hold.
await loadBashGrammar();

/** Where example catalogs live: a virtual folder, since examples never touch the disk. */
export const EXAMPLE_ROOT = path.resolve('/example-catalog');

/** Runs one documented example and returns the rule's diagnostics as `path:line:column message`. */
export function runRuleExample(rule: Rule, example: RuleExample): string[] {
  return lintExampleCatalog(example)
    .filter((diagnostic) => diagnostic.ruleId === rule.id)
    .map((d) => `${d.relativePath}:${d.range.start.line}:${d.range.start.column} ${d.message}`);
}

/** Every diagnostic of every rule on an in-memory example catalog, with paths relative to its root. */
export function lintExampleCatalog(example: Pick<RuleExample, 'files' | 'options'>): Array<Diagnostic & { relativePath: string }> {
  return lintExampleFiles(example.files, example.options).flatMap((result) =>
    result.diagnostics.map((d) => ({ ...d, relativePath: path.relative(EXAMPLE_ROOT, d.filePath).split(path.sep).join('/') })),
  );
}

/** Lints the files of an example catalog in memory (paths under EXAMPLE_ROOT). */
export function lintExampleFiles(files: RuleExample['files'], options: RuleExample['options'] = {}): LintResult[] {
  const example = { files, options };
  const env = createLintEnvironment(example.options ?? {});
  const decode = (content: string | Uint8Array) =>
    decodeSkillBytes(typeof content === 'string' ? new TextEncoder().encode(content) : content, env.options.maxFileSize);
  // `<skill>/input_schema.json`, `<skill>/agents/openai.yaml`: the path after the skill folder names a companion.
  const companionName = (relative: string) => relative.split('/').slice(1).join('/');
  const isCompanion = (relative: string) => (COMPANION_FILES as readonly string[]).includes(companionName(relative));
  // Every SKILL.md (in any letter case, as discovery finds them) is a skill; other files are
  // companions or simply bundled in a skill's folder.
  const inputs: LintInput[] = Object.entries(example.files)
    .filter(([relative]) => isSkillFileName(relative.split('/').pop() ?? ''))
    .map(([relative, content]) => ({ filePath: path.join(EXAMPLE_ROOT, relative), decoded: decode(content) }));
  for (const input of inputs) {
    const folder = path.relative(EXAMPLE_ROOT, path.dirname(input.filePath)).split(path.sep).join('/');
    input.folderFiles = Object.keys(example.files)
      .filter((relative) => relative.startsWith(`${folder}/`))
      .map((relative) => relative.slice(folder.length + 1))
      .sort();
  }
  for (const [relative, content] of Object.entries(example.files)) {
    if (!isCompanion(relative)) continue;
    const filePath = path.join(EXAMPLE_ROOT, relative);
    const folder = path.join(EXAMPLE_ROOT, relative.split('/')[0] as string);
    const owner = inputs.find((input) => path.dirname(input.filePath) === folder);
    if (owner) owner.companions = { ...owner.companions, [companionName(relative)]: { filePath, decoded: decode(content) } };
  }
  return lintCatalog(inputs, env);
}
