import path from 'node:path';
import { createLintEnvironment } from '../check/environment.js';
import { closestMatches } from '../core/suggest.js';
import { deriveSkill } from '../derive/index.js';
import type { LoadProblem } from '../load/decode.js';
import { requireCatalogRoot } from '../load/catalog-root.js';
import { discoverSkillFiles, UsageError } from '../load/discover.js';
import { readSkillFile } from '../load/read.js';
import { parseSkillDocument } from '../parse/skill-document.js';
import { booleanOption, parseCommandArgs, stringOption } from './args.js';
import type { CommandIo } from './io.js';

export const SCHEMA_HELP = `Usage: skillhub schema <skill-id> [--root <dir>]

Prints the JSON Schemas derived from a skill's SKILL.md, in the shape \`popiart skills schema\`
shows: {"input_schema": ..., "output_schema": ...}.

Options:
  --root <dir>  the catalog folder (default: the folder holding skills/, found upward from the
                current folder); skills are read from its skills/ folder when it has one, else
                from the folder itself, and the catalog's own schemas/input-fields.json extends
                the built-in field vocabulary
  -h, --help    show this help

Exit codes: 0 printed; 1 no such skill, or the schemas were printed but the document has
problems (listed on standard error); 2 usage error or an unusable field vocabulary.`;

export async function runSchema(argv: string[], io: CommandIo): Promise<number> {
  const args = parseCommandArgs(argv, { root: { type: 'string' }, help: { type: 'boolean', short: 'h' } });
  if (booleanOption(args, 'help')) {
    io.stdout(`${SCHEMA_HELP}\n`);
    return 0;
  }
  const [id, ...extra] = args.positionals;
  if (id === undefined) throw new UsageError('name the skill: skillhub schema <skill-id> [--root <dir>]');
  if (extra.length > 0) throw new UsageError(`expected one skill id, got ${args.positionals.length}`);
  const { root, skillsDir } = requireCatalogRoot({ root: stringOption(args, 'root'), cwd: io.cwd });
  const shown = path.relative(io.cwd, skillsDir) || '.';

  const env = createLintEnvironment({ root });
  const files = await discoverSkillFiles([skillsDir], io.cwd);
  const ids = files.map((file) => path.basename(path.dirname(file.filePath)));
  const file = files[ids.indexOf(id)];
  if (!file) {
    const near = closestMatches(id, ids);
    const hint = near.length > 0 ? ` Closest: ${near.join(', ')}.` : ` It has ${ids.length} skill${ids.length === 1 ? '' : 's'}.`;
    io.stderr(`skillhub schema: no skill "${id}" in ${shown}.${hint}\n`);
    return 1;
  }
  const shownFile = path.relative(io.cwd, file.filePath);
  const loaded = await readSkillFile(file, env.options.maxFileSize);
  if (!loaded.decoded.ok) {
    io.stderr(`skillhub schema: cannot read ${shownFile}: ${describeLoadProblem(loaded.decoded.problem)}\n`);
    return 1;
  }
  const derived = deriveSkill(parseSkillDocument(file.filePath, loaded.decoded.text), env.vocabulary);
  io.stdout(`${JSON.stringify({ input_schema: derived.inputSchema, output_schema: derived.outputSchema }, null, 2)}\n`);
  const problems = [...derived.problems].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.column - b.range.start.column);
  for (const problem of problems) {
    io.stderr(`${shownFile}:${problem.range.start.line}:${problem.range.start.column} ${problem.message} (${problem.ruleId})\n`);
  }
  return problems.length > 0 ? 1 : 0;
}

function describeLoadProblem(problem: LoadProblem): string {
  switch (problem.kind) {
    case 'too-large':
      return `it is ${problem.size} bytes, more than the ${problem.limit}-byte limit`;
    case 'encoding':
      return `it is not UTF-8 (byte 0x${problem.byte.toString(16).padStart(2, '0')} at offset ${problem.byteOffset})`;
    case 'symlink-outside-root':
      return `it is a symbolic link out of the catalog (to ${problem.target})`;
    case 'unreadable':
      return problem.reason;
  }
}
