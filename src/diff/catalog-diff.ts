import { compareStrings } from '../core/diagnostic.js';
import type { JsonSchema } from '../derive/index.js';
import { CHANGE_RULES, diffInputContracts, type ContractChange } from './contract-diff.js';

export interface SkillDiff {
  id: string;
  changes: ContractChange[];
}

export interface CatalogDiff {
  skills: SkillDiff[];
  breaking: number;
  compatible: number;
}

/** Per skill id, the changes between two catalogs' input contracts (ids in code-unit order; unchanged skills left out). Pure. */
export function diffCatalogs(before: ReadonlyMap<string, JsonSchema>, after: ReadonlyMap<string, JsonSchema>): CatalogDiff {
  const ids = [...new Set([...before.keys(), ...after.keys()])].sort(compareStrings);
  const skills: SkillDiff[] = [];
  for (const id of ids) {
    const was = before.get(id);
    const now = after.get(id);
    let changes: ContractChange[];
    if (was === undefined) changes = [{ kind: 'compatible', rule: 'SKILL_ADDED', field: '', message: 'the skill is new.' }];
    else if (now === undefined) changes = [{ kind: 'breaking', rule: 'SKILL_REMOVED', field: '', message: 'the skill was removed; its users have nothing to run.' }];
    else changes = diffInputContracts(was, now);
    if (changes.length > 0) skills.push({ id, changes });
  }
  const all = skills.flatMap((skill) => skill.changes);
  return { skills, breaking: all.filter((change) => change.kind === 'breaking').length, compatible: all.filter((change) => change.kind === 'compatible').length };
}

export function formatDiffStylish(diff: CatalogDiff): string {
  if (diff.skills.length === 0) return 'No changes to any input contract.\n';
  const ruleWidth = Math.max(...diff.skills.flatMap((skill) => skill.changes.map((change) => change.rule.length)));
  const lines: string[] = [];
  for (const skill of diff.skills) {
    lines.push(skill.id);
    for (const change of skill.changes) lines.push(`  ${change.kind.padEnd(10)}  ${change.rule.padEnd(ruleWidth)}  ${change.message}`);
    lines.push('');
  }
  const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  const brokenSkills = diff.skills.filter((skill) => skill.changes.some((change) => change.kind === 'breaking')).length;
  lines.push(
    diff.breaking > 0
      ? `✖ ${plural(diff.breaking, 'breaking change')} in ${plural(brokenSkills, 'skill')}, ${plural(diff.compatible, 'compatible change')}; publish a breaking change as a new -v<N+1> skill.`
      : `✔ ${plural(diff.compatible, 'compatible change')}, nothing breaking.`,
  );
  return `${lines.join('\n')}\n`;
}

export function formatDiffJson(diff: CatalogDiff): string {
  return `${JSON.stringify(diff)}\n`;
}

export { CHANGE_RULES };
