import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../check/committed-schemas/write-file-atomic.js';
import { parseSkillName } from '../check/skill-name.js';
import { UsageError } from '../load/discover.js';
import { scaffoldFrom, scaffoldSkill } from '../scaffold/new-skill.js';
import { booleanOption, parseCommandArgs, stringOption } from './args.js';
import type { CommandIo } from './io.js';

export const NEW_HELP = `Usage: skillhub new <skill-id> [options]

Creates skills/<skill-id>/SKILL.md: front matter filled from the id (name, version, model_type
from the category, the category and capability as tags) and every required and recommended
section with guidance to replace. It validates without errors as it is.

Options:
  --from <skill-id>       start from an existing skill of the catalog: its text, with the id and
                          the front matter's name, version, model_type and tags set for the new id
  --root <dir>            the catalog folder (its skills/ folder is used) or a folder of skill
                          folders (default: skills)
  -h, --help              show this help

Exit codes: 0 created, 2 a malformed or existing id, or another usage problem.`;

export async function runNew(argv: string[], io: CommandIo): Promise<number> {
  const args = parseCommandArgs(argv, { from: { type: 'string' }, root: { type: 'string' }, help: { type: 'boolean', short: 'h' } });
  if (booleanOption(args, 'help')) {
    io.stdout(`${NEW_HELP}\n`);
    return 0;
  }
  const [id, extra] = args.positionals;
  if (id === undefined) throw new UsageError('name the new skill: skillhub new <skill-id>');
  if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}"`);
  const parsed = parseSkillName(id);
  if (!parsed.parts || parsed.problems.length > 0) throw new UsageError(`"${id}" is not a valid skill id: ${parsed.problems.join(' ')}`);
  const skillsFolder = skillsFolderOf(io.cwd, stringOption(args, 'root'));
  const folder = path.join(skillsFolder, id);
  const shown = path.relative(io.cwd, folder) || folder;
  if (existsSync(folder)) throw new UsageError(`${shown} already exists: pick another id, or edit that skill`);

  let text = scaffoldSkill(id, parsed.parts);
  const from = stringOption(args, 'from');
  if (from !== undefined) {
    const sourceFile = path.join(skillsFolder, from, 'SKILL.md');
    const source = await readFile(sourceFile, 'utf8').catch(() => undefined);
    if (source === undefined) throw new UsageError(`--from: no skill "${from}" in ${path.relative(io.cwd, skillsFolder) || skillsFolder}`);
    text = scaffoldFrom(source, from, parseSkillName(from).parts, id, parsed.parts);
  }
  await mkdir(skillsFolder, { recursive: true });
  try {
    await mkdir(folder);
  } catch {
    throw new UsageError(`${shown} already exists: pick another id, or edit that skill`);
  }
  await writeFileAtomic(path.join(folder, 'SKILL.md'), text);
  io.stdout(`skillhub new: created ${path.join(shown, 'SKILL.md')}. Edit it, then run \`skillhub validate ${shown} --fix\`.\n`);
  return 0;
}

/** `<root>/skills` when the root has one, else the root; `skills` under the working folder by default. */
function skillsFolderOf(cwd: string, root: string | undefined): string {
  if (root === undefined) return path.join(cwd, 'skills');
  const given = path.resolve(cwd, root);
  const nested = path.join(given, 'skills');
  return existsSync(nested) ? nested : given;
}
