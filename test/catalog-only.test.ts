import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogOnlyAnalysis, filesToAnalyseFully, keptCatalogOnlyAnalysis } from '../src/check/catalog-only.js';
import { createLintEnvironment } from '../src/check/environment.js';
import { analyzeFile } from '../src/check/lint.js';
import { EXAMPLE_BODY, EXAMPLE_ID, exampleSkill } from '../src/check/rules/example-skill.js';
import { ALL_RULES } from '../src/check/rules/index.js';
import type { Diagnostic } from '../src/core/diagnostic.js';
import { decodeSkillBytes } from '../src/load/decode.js';
import { lintPaths, reportPaths } from '../src/pipeline.js';
import { catalogWriter } from './support/temp-folder.js';

/*
 * `validate` keeps only the catalog-only form of each file's analysis (check/catalog-only.ts).
 * The invariant: every diagnostic is exactly the one the full analyses give (lintPaths).
 */

const OTHER_ID = 'popiskill-image-text2image-other-v1';
const ALIAS_LINE = '- `ratio` is a compatibility alias for `aspect_ratio`.';
const WITH_ALIAS = EXAMPLE_BODY.replace('- Keep prompts short.', `- Keep prompts short.\n${ALIAS_LINE}`);
const OWN_RUN = `popiart run ${EXAMPLE_ID} --input @params.json --wait`;

/** The example skill with the alias, its commands replaced by `commands`. */
const skillRunning = (commands: string, body = WITH_ALIAS) => exampleSkill({ body: body.replace(OWN_RUN, commands) });

/**
 * A catalog for every catalog rule: the demo skill runs itself with an alias, runs the other skill
 * with a bad input that uses its alias, runs an unknown skill, names an unknown one, and has a
 * drifting committed schema; a copy under another folder has the demo's name (first by path is the
 * demo) and no alias of its own, so its own runs are checked against the demo's schema.
 */
const CATALOG: Record<string, string> = {
  [`${EXAMPLE_ID}/SKILL.md`]: skillRunning(
    [
      `popiart run ${EXAMPLE_ID} --input '{"prompt": "a", "ratio": "1:1"}' --wait`,
      `popiart run ${OTHER_ID} -i '{"ratio": "2:1"}'`,
      'popiart run popiskill-image-typo-v1 --input @params.json',
    ].join('\n'),
  ).replace('- Keep prompts short.', `- Keep prompts short; see \`popiskill-video-nothing-v1\` and \`${EXAMPLE_ID}\`.`),
  [`${EXAMPLE_ID}/input_schema.json`]: '{"type": "object"}\n',
  [`${OTHER_ID}/SKILL.md`]: skillRunning(`popiart run ${OTHER_ID} --input @params.json`).replaceAll(EXAMPLE_ID, OTHER_ID),
  ['zz-copy/SKILL.md']: skillRunning(`popiart run ${EXAMPLE_ID} --input '{"prompt": "b", "ratio": "3:1"}'`, EXAMPLE_BODY),
};

const writeCatalog = catalogWriter('skillhub-catalog-only-');

const shown = (root: string, diagnostics: readonly Diagnostic[]) =>
  diagnostics.map((d) => `${path.relative(root, d.filePath)}:${d.range.start.line}:${d.range.start.column} ${d.ruleId} ${d.message}`);

describe('catalog-only analyses (validate)', () => {
  it('report exactly the diagnostics of the full analyses, the duplicate-name and cross-skill cases included', async () => {
    const { root, skills } = await writeCatalog(CATALOG);
    const full = await lintPaths([skills], root, {}, { concurrency: 'off' });
    const reported = await reportPaths([skills], root, {}, { concurrency: 'off' });
    expect(reported.reports).toEqual(full.results.map(({ filePath, diagnostics }) => ({ filePath, diagnostics })));
    const catalogFindings = shown(
      root,
      reported.reports.flatMap((report) => report.diagnostics).filter((d) => ALL_RULES.find((rule) => rule.id === d.ruleId)?.scope === 'catalog'),
    );
    expect(catalogFindings).toEqual([
      `skills/${EXAMPLE_ID}/SKILL.md:30:73 payload-deprecated-field \`ratio\` is a compatibility alias for \`aspect_ratio\`; write \`aspect_ratio\` instead.`,
      `skills/${EXAMPLE_ID}/SKILL.md:31:53 run-input \`${OTHER_ID}\`: The input needs \`prompt\`.`,
      `skills/${EXAMPLE_ID}/SKILL.md:31:54 payload-deprecated-field \`ratio\` is a compatibility alias for \`aspect_ratio\`; write \`aspect_ratio\` instead.`,
      `skills/${EXAMPLE_ID}/SKILL.md:32:13 run-unknown-skill This command runs \`popiskill-image-typo-v1\`, which is not a skill in this catalog. No skill id in this catalog is close to it.`,
      `skills/${EXAMPLE_ID}/SKILL.md:50:28 skill-reference-unknown \`popiskill-video-nothing-v1\` is not a skill in this catalog. No skill id in this catalog is close to it.`,
      `skills/${EXAMPLE_ID}/input_schema.json:1:1 committed-schema-drift \`aspect_ratio\` is missing here: the SKILL.md lists it (type "string").`,
      `skills/${EXAMPLE_ID}/input_schema.json:1:1 committed-schema-drift \`prompt\` is missing here: the SKILL.md lists it (type "string").`,
      `skills/${EXAMPLE_ID}/input_schema.json:1:1 committed-schema-drift \`prompt\` is required by the SKILL.md but not in \`required\` here.`,
      `skills/${EXAMPLE_ID}/input_schema.json:1:1 committed-schema-drift \`ratio\` is missing here: the SKILL.md lists it (type "string").`,
      `skills/zz-copy/SKILL.md:2:7 duplicate-name Skill name \`${EXAMPLE_ID}\` is already used by ${EXAMPLE_ID}/SKILL.md: give each skill its own name.`,
      // Checked against the schema of the skill its id names, the first by path: only that one declares the alias.
      `skills/zz-copy/SKILL.md:30:73 payload-deprecated-field \`ratio\` is a compatibility alias for \`aspect_ratio\`; write \`aspect_ratio\` instead.`,
      `skills/zz-copy/SKILL.md:30:73 run-input \`ratio\` is not an input of this skill.`,
    ]);
  });
});

describe('catalog-only analyses in the cache', () => {
  it('serve later validate runs with one file changed, and are analysed again for callers that want them whole', async () => {
    const { root, skills } = await writeCatalog(CATALOG);
    const cacheLocation = path.join(root, 'cache', 'validate.json');
    const full = await lintPaths([skills], root, {}, { concurrency: 'off' });
    const expected = full.results.map(({ filePath, diagnostics }) => ({ filePath, diagnostics }));
    const first = await reportPaths([skills], root, {}, { concurrency: 'off', cacheLocation, startedAt: Date.now() + 10_000 });
    expect(first.reports).toEqual(expected);
    // The other skill's content changes: the other two skills come from the cache.
    await writeFile(path.join(skills, OTHER_ID, 'SKILL.md'), `${CATALOG[`${OTHER_ID}/SKILL.md`] as string}\nMore guidance.\n`);
    const changed = (await lintPaths([skills], root, {}, { concurrency: 'off' })).results.map(({ filePath, diagnostics }) => ({ filePath, diagnostics }));
    const later = await reportPaths([skills], root, {}, { concurrency: 'off', cacheLocation, startedAt: Date.now() + 20_000 });
    expect(later.cacheHits).toBe(2);
    expect(later.reports).toEqual(changed);
    const whole = await lintPaths([skills], root, {}, { concurrency: 'off', cacheLocation, startedAt: Date.now() + 30_000 });
    expect(whole.results.map(({ filePath, diagnostics }) => ({ filePath, diagnostics }))).toEqual(changed);
    expect(whole.results.map((result) => [result.analysis.catalogOnly, result.analysis.derived !== undefined])).toEqual(full.results.map(() => [undefined, true]));
  });
});

describe('catalogOnlyAnalysis', () => {
  it('keeps what the catalog phase reads and the alias findings of the runs of its own name', () => {
    const env = createLintEnvironment({});
    const filePath = path.join(tmpdir(), 'catalog-only', EXAMPLE_ID, 'SKILL.md');
    const text = CATALOG[`${EXAMPLE_ID}/SKILL.md`] as string;
    const companion = { filePath: path.join(path.dirname(filePath), 'input_schema.json'), decoded: decodeSkillBytes(Buffer.from('{"type": "object"}\n'), 1 << 20) };
    const full = analyzeFile({ filePath, decoded: decodeSkillBytes(Buffer.from(text), 1 << 20), companions: { 'input_schema.json': companion } }, env);
    const compact = catalogOnlyAnalysis(full);
    expect(Object.keys(compact).sort()).toEqual(['catalogOnly', 'companionPaths', 'diagnostics', 'facts', 'filePath']);
    expect(compact.companionPaths).toEqual([companion.filePath]);
    expect(compact.diagnostics).toBe(full.diagnostics);
    expect(Object.keys(compact.facts).sort()).toEqual(['folderName', 'name', 'nameRange', 'ownRunDeprecations', 'references', 'runInvocations']);
    expect(compact.facts.ownRunDeprecations).toEqual([
      { range: { start: { line: 30, column: 73 }, end: { line: 30, column: 80 } }, message: '`ratio` is a compatibility alias for `aspect_ratio`; write `aspect_ratio` instead.' },
    ]);
    // The own id is always in the catalog (this file is): only the other one is kept.
    expect(compact.facts.references?.map((reference) => reference.id)).toEqual([OTHER_ID, 'popiskill-image-typo-v1', 'popiskill-video-nothing-v1']);
    // Every run's id and range; an input only on the run of another skill.
    expect(compact.facts.runInvocations?.map((run) => [run.skillId, run.skillRange.start.line, run.input?.kind])).toEqual([
      [EXAMPLE_ID, 30, undefined],
      [OTHER_ID, 31, 'json'],
      ['popiskill-image-typo-v1', 32, undefined],
    ]);
    expect(catalogOnlyAnalysis(compact)).toBe(compact);
    // As kept by the thread that made it: the same data, sharing no object with the analysis.
    const kept = keptCatalogOnlyAnalysis(full);
    expect(kept).toEqual(compact);
    expect(kept.diagnostics).not.toBe(full.diagnostics);
    expect(kept.facts.runInvocations?.[1]).not.toBe(full.facts.runInvocations?.[1]);
    expect(kept.diagnostics.map((d) => `${d.ruleId}:${d.range.start.line}:${d.range.start.column}`)).toEqual(
      full.diagnostics.map((d) => `${d.ruleId}:${d.range.start.line}:${d.range.start.column}`),
    );
  });
});

describe('filesToAnalyseFully', () => {
  const analysis = (folder: string, name: string, runs: Array<[id: string, json: boolean]>) =>
    catalogOnlyAnalysis({
      filePath: `/c/${folder}/SKILL.md`,
      facts: {
        folderName: folder,
        name,
        runInvocations: runs.map(([skillId, json]) => ({
          skillId,
          skillRange: { start: { line: 1, column: 1 }, end: { line: 1, column: 2 } },
          inCommandPattern: false,
          ...(json ? { input: { kind: 'json' as const, json: { range: { start: { line: 1, column: 1 }, end: { line: 1, column: 2 } }, value: {}, syntaxErrors: [], duplicateKeys: [], nodes: {} } } } : {}),
        })),
      },
      diagnostics: [],
    });

  it('wants the skills others run with inline JSON, and both files when a run of its own name resolves to another', () => {
    const a = analysis('a', 'id-a', [['id-a', true]]);
    const b = analysis('b', 'id-b', [['id-c', true], ['id-a', false]]);
    const c = analysis('c', 'id-c', []);
    const d = analysis('d', 'id-d', []);
    expect([...filesToAnalyseFully([a, b, c, d])]).toEqual([c]);
    const copy = analysis('e', 'id-a', [['id-a', false]]);
    expect([...filesToAnalyseFully([a, b, c, d, copy])]).toEqual([c, copy, a]);
    // A full analysis is never wanted again.
    const { catalogOnly: _, ...whole } = c;
    expect([...filesToAnalyseFully([a, b, whole, d])]).toEqual([]);
  });
});
