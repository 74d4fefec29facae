import path from 'node:path';
import { createLintEnvironment } from '../src/check/environment.js';
import { lintCatalog } from '../src/check/lint.js';
import { decodeSkillBytes } from '../src/load/decode.js';

/** The rules of issue 4: end-to-end tests look at these only. */
export const CROSS_CHECK_RULES = new Set([
  'command-syntax',
  'cli-unknown-command',
  'cli-unknown-flag',
  'cli-arguments',
  'cli-flag-value',
  'cli-deprecated-flag',
  'payload-json',
  'payload-schema',
  'payload-deprecated-field',
  'run-unknown-skill',
  'run-other-skill',
  'run-input',
  'skill-reference-unknown',
  'skill-reference-self',
  'committed-schema-drift',
]);

const ROOT = path.resolve('/fixture-catalog');

/** Lints an in-memory catalog; returns `path:line:column rule-id message` for the cross-check rules. */
export function crossCheck(files: Record<string, string>): string[] {
  const env = createLintEnvironment();
  const inputs = Object.entries(files).map(([relative, text]) => ({
    filePath: path.join(ROOT, relative),
    decoded: decodeSkillBytes(new TextEncoder().encode(text)),
  }));
  return lintCatalog(inputs, env).flatMap((result) =>
    result.diagnostics
      .filter((d) => CROSS_CHECK_RULES.has(d.ruleId))
      .map((d) => `${path.relative(ROOT, d.filePath)}:${d.range.start.line}:${d.range.start.column} ${d.ruleId} ${d.message}`),
  );
}

/** Front matter of a valid skill: lines 1-10, then a blank line 11, so a body starts on line 12. */
export function frontMatterLines(id: string): string[] {
  const [category = 'image', kind = 'text2image'] = id.replace(/^popiskill-/, '').split('-');
  return [
    '---',
    `name: ${id}`,
    'description: A skill used by the cross-check tests. Use it for nothing else.',
    'tags:',
    `  - ${category}`,
    `  - ${kind}`,
    'version: v1',
    `model_type: ${category}`,
    'estimated_duration_s: 60',
    '---',
    '',
  ];
}
