import { UsageError } from '../load/discover.js';
import { diffCatalogs, formatDiffJson, formatDiffStylish } from '../diff/catalog-diff.js';
import { ContractSourceError, loadInputContracts } from '../diff/load-contracts.js';
import { booleanOption, parseChoice, parseCommandArgs, stringOption } from './args.js';
import type { CommandIo } from './io.js';

export const DIFF_HELP = `Usage: skillhub diff <old> <new> [options]

Lists, per skill, the changes of the input contract between two versions of the catalog, each a
built catalog folder (skillhub build) or a skills folder:
  breaking     a payload that was valid can be refused now (a field removed, a field newly
               required, a new "one of" group, a type, range or enumeration narrowed, a pattern
               added, additionalProperties tightened, a skill removed)
  compatible   every payload that was valid still is (an optional field added, a bound widened, ...)
A breaking change to a published id needs a new skill, -v<N+1>.

Options:
  --format <name>   stylish (default) or json ({"skills": [{"id", "changes": [{"kind", "rule", "field", "message"}]}], "breaking", "compatible"})
  -h, --help        show this help

Exit codes: 0 nothing breaks, 1 something breaks, 2 usage error (a folder that is neither).`;

export async function runDiff(argv: string[], io: CommandIo): Promise<number> {
  const args = parseCommandArgs(argv, { format: { type: 'string' }, help: { type: 'boolean', short: 'h' } });
  if (booleanOption(args, 'help')) {
    io.stdout(`${DIFF_HELP}\n`);
    return 0;
  }
  const format = parseChoice(stringOption(args, 'format'), '--format', ['stylish', 'json'] as const, 'stylish');
  if (args.positionals.length !== 2) throw new UsageError('give two folders: skillhub diff <old> <new>');
  const [older, newer] = args.positionals as [string, string];
  let before;
  let after;
  try {
    before = await loadInputContracts(older, io.cwd);
    after = await loadInputContracts(newer, io.cwd);
  } catch (error) {
    if (error instanceof ContractSourceError) throw new UsageError(error.message);
    throw error;
  }
  const diff = diffCatalogs(before, after);
  io.stdout(format === 'json' ? formatDiffJson(diff) : formatDiffStylish(diff));
  return diff.breaking > 0 ? 1 : 0;
}
