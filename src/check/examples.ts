import path from 'node:path';
import { decodeSkillBytes } from '../load/decode.js';
import { createLintEnvironment } from './environment.js';
import { lintCatalog, type LintInput } from './lint.js';
import type { Rule, RuleExample } from './rule.js';

/** Where example catalogs live: a virtual folder, since examples never touch the disk. */
export const EXAMPLE_ROOT = path.resolve('/example-catalog');

/** Runs one documented example and returns the rule's diagnostics as `path:line:column message`. */
export function runRuleExample(rule: Rule, example: RuleExample): string[] {
  const env = createLintEnvironment(example.options ?? {});
  const inputs: LintInput[] = Object.entries(example.files).map(([relative, content]) => {
    const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
    return { filePath: path.join(EXAMPLE_ROOT, relative), decoded: decodeSkillBytes(bytes, env.options.maxFileSize) };
  });
  return lintCatalog(inputs, env).flatMap((result) =>
    result.diagnostics
      .filter((diagnostic) => diagnostic.ruleId === rule.id)
      .map((d) => {
        const relative = path.relative(EXAMPLE_ROOT, d.filePath).split(path.sep).join('/');
        return `${relative}:${d.range.start.line}:${d.range.start.column} ${d.message}`;
      }),
  );
}
