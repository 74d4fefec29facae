import type { FileRule } from '../rule.js';
import { EXAMPLE_BODY } from './example-skill.js';

/** The check of every input-* rule: report the derivation problems that carry the rule's id. */
export function reportDerivedProblems(ruleId: string): FileRule['check'] {
  return ({ analysis, report }) => {
    for (const problem of analysis.derived?.problems ?? []) if (problem.ruleId === ruleId) report(problem.range, problem.message, problem.fix);
  };
}

/** The example body with its two input sections replaced (lines 14 onwards of the example skill). */
export function bodyWithInput(required: string, optional: string): string {
  const start = EXAMPLE_BODY.indexOf('## Required input');
  const end = EXAMPLE_BODY.indexOf('## Workflow');
  return `${EXAMPLE_BODY.slice(0, start)}## Required input\n\n${required}\n\n## Optional input\n\n${optional}\n\n${EXAMPLE_BODY.slice(end)}`;
}

/** The example body with more items in `## Operating guidance`, its last section: the first added item is on line 49. */
export function bodyWithGuidance(...items: string[]): string {
  return `${EXAMPLE_BODY}${items.map((item) => `- ${item}\n`).join('')}`;
}
