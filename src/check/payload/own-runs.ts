import type { DerivedSkill } from '../../derive/index.js';
import type { SkillFacts } from '../analysis.js';
import type { LintEnvironment } from '../environment.js';
import { checkPayload, inputValidator, type PayloadFinding } from './check-payload.js';

/**
 * The inline inputs of `popiart run <this skill>` checked against this skill's own schema in the
 * per-file phase, so a cached file needs no schema compile in later runs; `run-input` reports them
 * with the runs of other skills, which only the catalog phase can check.
 */
export function ownRunFindings(facts: SkillFacts, derived: DerivedSkill, env: LintEnvironment): PayloadFinding[] {
  const findings: PayloadFinding[] = [];
  if (!derived.inputTrusted) return findings;
  for (const run of facts.runInvocations ?? []) {
    if (run.skillId === undefined || run.skillId !== facts.name || run.input?.kind !== 'json') continue;
    const validate = inputValidator(env, derived.inputSchema);
    if (!validate) return findings;
    findings.push(...checkPayload(run.input.json, derived.inputSchema, validate));
  }
  return findings;
}
