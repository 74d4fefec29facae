import type { JsonSchema } from '../../derive/index.js';
import type { LintResult } from '../lint.js';

export interface SchemaFileWrite {
  filePath: string;
  text: string;
}

export interface SchemaFilePlan {
  writes: SchemaFileWrite[];
  /** Committed schema files left as they are, with the reason. */
  skipped: Array<{ filePath: string; reason: string }>;
}

/** The companion files that hold schemas; only these are ever rewritten (other companions are not schemas). */
export const SCHEMA_FILES = ['input_schema.json', 'output_schema.json'] as const;

/** The text a schema file is written with: 2-space JSON, LF line ends, a final newline. */
export function schemaFileText(schema: JsonSchema): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}

/**
 * Which committed schema files `--write-schemas` rewrites, and with what: each one present
 * beside a SKILL.md whose derivation succeeded and whose content differs from the derived schema.
 * Pure; the caller writes.
 */
export function planSchemaFileWrites(results: readonly LintResult[]): SchemaFilePlan {
  const plan: SchemaFilePlan = { writes: [], skipped: [] };
  for (const result of results) {
    const { analysis } = result;
    if (result.filePath !== analysis.filePath || !analysis.companions) continue;
    const derived = analysis.derived;
    for (const name of SCHEMA_FILES) {
      const companion = analysis.companions[name];
      if (!companion) continue;
      if (!companion.decoded.ok && companion.decoded.problem.kind !== 'encoding') {
        plan.skipped.push({ filePath: companion.filePath, reason: `it could not be read (${companion.decoded.problem.kind})` });
        continue;
      }
      if (!derived || derived.problems.length > 0) {
        plan.skipped.push({ filePath: companion.filePath, reason: 'the SKILL.md has input problems to fix first' });
        continue;
      }
      const text = schemaFileText(name === 'input_schema.json' ? derived.inputSchema : derived.outputSchema);
      if (companion.decoded.ok && companion.decoded.text === text) continue;
      plan.writes.push({ filePath: companion.filePath, text });
    }
  }
  return plan;
}
