#!/usr/bin/env node
// A generated catalog for benchmarks and profiles: N skill folders made from the project's own
// skills/ (optionally also from extra skill folders, e.g. a reference catalog), every skill id
// suffixed per copy so ids stay unique, references rewritten so every one of them resolves.
//
//   node scripts/corpus.mjs <target-folder> [count=1000] [--from <skills-folder>]...
//
// Also importable: writeCorpus(target, count, sourceFolders) returns the number of source skills.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Files copied with each SKILL.md, when the source skill has them. */
const COMPANIONS = ['agents/openai.yaml', 'input_schema.json', 'output_schema.json'];

function sourceSkills(folders) {
  const seen = new Set();
  const skills = [];
  for (const folder of folders) {
    if (!existsSync(folder)) continue;
    for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const skillFile = path.join(folder, entry.name, 'SKILL.md');
      if (!entry.isDirectory() || seen.has(entry.name) || !existsSync(skillFile)) continue;
      seen.add(entry.name);
      const files = [['SKILL.md', readFileSync(skillFile, 'utf8')]];
      for (const companion of COMPANIONS) {
        const file = path.join(folder, entry.name, companion);
        if (existsSync(file)) files.push([companion, readFileSync(file, 'utf8')]);
      }
      skills.push({ id: entry.name, files });
    }
  }
  return skills;
}

/**
 * Writes `count` skill folders into `target`. A reference to a skill that the last, partial copy
 * lacks points at the first copy, so every reference resolves.
 */
export function writeCorpus(target, count, sourceFolders = [path.join(ROOT, 'skills')]) {
  const sources = sourceSkills(sourceFolders);
  if (sources.length === 0) throw new Error(`no skill folders in ${sourceFolders.join(', ')}`);
  const ids = sources.map((skill) => skill.id);
  const idPattern = new RegExp(ids.map((id) => id.replace(/-/g, '\\-')).join('|'), 'g');
  const renamed = (id, copy) => id.replace(/-v(\d+)$/, `x${copy}-v$1`);
  for (let index = 0; index < count; index++) {
    const copy = Math.floor(index / sources.length);
    const { id, files } = sources[index % sources.length];
    const lastCopyHas = (other) => copy * sources.length + ids.indexOf(other) < count;
    const folder = path.join(target, renamed(id, copy));
    for (const [relative, text] of files) {
      mkdirSync(path.dirname(path.join(folder, relative)), { recursive: true });
      writeFileSync(path.join(folder, relative), text.replace(idPattern, (other) => renamed(other, lastCopyHas(other) ? copy : 0)));
    }
  }
  return sources.length;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const from = [path.join(ROOT, 'skills')];
  const positional = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--from') from.push(path.resolve(args[++i] ?? ''));
    else positional.push(args[i]);
  }
  const [target, count = '1000'] = positional;
  if (!target) {
    console.error('usage: node scripts/corpus.mjs <target-folder> [count] [--from <skills-folder>]...');
    process.exit(2);
  }
  const sources = writeCorpus(path.resolve(target), Number(count), from);
  console.log(`wrote ${count} skill folders to ${target} from ${sources} source skills`);
}
