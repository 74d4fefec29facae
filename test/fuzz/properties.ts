import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createLintEnvironment } from '../../src/check/environment.js';
import { lintCatalog, type LintInput } from '../../src/check/lint.js';
import { EXAMPLE_ID, exampleSkill } from '../../src/check/rules/example-skill.js';
import type { Diagnostic } from '../../src/core/diagnostic.js';
import { createSourceText, lineContentEnd } from '../../src/core/source-text.js';
import { decodeSkillBytes } from '../../src/load/decode.js';
import type { FuzzCase } from './documents.js';

const SKILL = `/fuzz/${EXAMPLE_ID}/SKILL.md`;
const AGENTS = `/fuzz/${EXAMPLE_ID}/agents/openai.yaml`;
const NEIGHBOUR = '/fuzz/popiskill-image-text2image-other-v1/SKILL.md';
const env = createLintEnvironment();

function inputs(fuzz: FuzzCase): LintInput[] {
  const skill: LintInput = { filePath: SKILL, decoded: decodeSkillBytes(fuzz.skill) };
  if (fuzz.agents !== undefined) skill.companions = { 'agents/openai.yaml': { filePath: AGENTS, decoded: decodeSkillBytes(new TextEncoder().encode(fuzz.agents)) } };
  // A clean neighbour, so the catalog phase (references, duplicate names) runs against the case.
  const other = exampleSkill().split(EXAMPLE_ID).join('popiskill-image-text2image-other-v1');
  return [skill, { filePath: NEIGHBOUR, decoded: decodeSkillBytes(new TextEncoder().encode(other)) }];
}

/**
 * The properties every input must keep: no exception escapes and no internal-error; every
 * position is inside its file (1 <= line <= line count, 1 <= column <= line length + 1); the
 * result is deterministic; the clean neighbour stays clean. Returns the problems found.
 */
export function checkCase(fuzz: FuzzCase): string[] {
  const run = () => lintCatalog(inputs(fuzz), env).flatMap((result) => result.diagnostics);
  let first: Diagnostic[];
  try {
    first = run();
  } catch (error) {
    return [`threw: ${(error as Error).stack ?? String(error)}`];
  }
  const problems: string[] = [];
  const texts = new Map<string, string | undefined>();
  const decoded = decodeSkillBytes(fuzz.skill);
  texts.set(SKILL, decoded.ok ? decoded.text : undefined);
  texts.set(AGENTS, fuzz.agents);
  texts.set(NEIGHBOUR, undefined);
  for (const diagnostic of first) {
    if (diagnostic.ruleId === 'internal-error') problems.push(`internal-error: ${diagnostic.message}`);
    if (diagnostic.filePath === NEIGHBOUR && !['duplicate-name', 'skill-reference-unknown'].includes(diagnostic.ruleId)) {
      problems.push(`the clean neighbour got ${diagnostic.ruleId}: ${diagnostic.message}`);
    }
    const text = texts.get(diagnostic.filePath);
    if (text === undefined) continue;
    const source = createSourceText(text);
    for (const [name, position] of [['start', diagnostic.range.start], ['end', diagnostic.range.end]] as const) {
      const line = position.line - 1;
      const length = line >= 0 && line < source.lineStarts.length ? lineContentEnd(source, line) - (source.lineStarts[line] as number) : -1;
      if (line < 0 || line >= source.lineStarts.length || position.column < 1 || position.column > length + 1) {
        problems.push(`${diagnostic.ruleId} ${name} ${position.line}:${position.column} is outside its file (${source.lineStarts.length} lines, that line ${length} long)`);
      }
    }
  }
  const second = JSON.stringify(run());
  if (second !== JSON.stringify(first)) problems.push('two runs gave different diagnostics');
  return problems;
}

/** Writes a failing case where it can be replayed (test/fuzz/reproducers/) and returns its path. */
export function saveReproducer(fuzz: FuzzCase, folder: string): string {
  const name = createHash('sha256').update(fuzz.skill).update(fuzz.agents ?? '').digest('hex').slice(0, 16);
  mkdirSync(folder, { recursive: true });
  const file = path.join(folder, `${name}.SKILL.md`);
  writeFileSync(file, fuzz.skill);
  if (fuzz.agents !== undefined) writeFileSync(path.join(folder, `${name}.openai.yaml`), fuzz.agents);
  return file;
}
