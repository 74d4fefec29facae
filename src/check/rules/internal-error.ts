import { FILE_START } from '../../core/diagnostic.js';
import type { FileAnalysis } from '../analysis.js';
import type { LoadRule } from '../rule.js';
import { examplePath, exampleSkill } from './example-skill.js';

/** Something that threw inside the analysis of one file: a bug of the toolchain, kept to that file. */
export interface AnalysisFailure {
  /** What the engine was doing, e.g. `parsing and deriving` or `rule payload-schema`. */
  stage: string;
  message: string;
}

const MAX_MESSAGE = 300;

/** Records a failure on the file's analysis; the internal-error rule reports it. */
export function recordFailure(analysis: FileAnalysis, stage: string, error: unknown): void {
  const raw = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const firstLine = raw.split('\n')[0] ?? raw;
  const message = firstLine.length > MAX_MESSAGE ? `${firstLine.slice(0, MAX_MESSAGE)}…` : firstLine;
  (analysis.failures ??= []).push({ stage, message });
}

export function describeFailure(failure: AnalysisFailure): string {
  return (
    `skillhub failed while ${failure.stage} (${failure.message}). This is a bug in skillhub, not in this file; ` +
    'please report it with this file attached. The file may have other problems this run could not see; the other files were checked.'
  );
}

export const internalError: LoadRule = {
  id: 'internal-error',
  scope: 'load',
  severity: 'error',
  description: 'Something went wrong inside skillhub while checking this file; the other files were still checked.',
  docs: `Whatever throws while one file is parsed, derived or checked (a parser running out of stack, a
rule meeting data it did not expect) is caught, reported here on that file, and the run goes on with
every other file: one hostile or unlucky document cannot hide the diagnostics of the rest of the
catalog, and nothing ends in a stack trace. The message names the step that failed and the error.

This is a bug in the toolchain, not in the skill: report it with the file attached. Since the
file's checks did not all run, fix nothing else on the strength of a clean result until it is
resolved. A failure of a catalog-wide rule is reported on the first file of the run. (No document
is known to trigger it; the bad case injects a failing rule, so its test lives in
\`test/isolation.test.ts\` rather than in an example.)`,
  examples: [{ title: 'A file every step handles', files: { [examplePath()]: exampleSkill() }, expected: [] }],
  check({ analysis, report }) {
    for (const failure of analysis.failures ?? []) report(FILE_START, describeFailure(failure));
  },
};
