import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { createLintEnvironment } from '../src/check/environment.js';
import { analyzeFile } from '../src/check/lint.js';
import { decodeSkillBytes } from '../src/load/decode.js';
import { buildCatalog } from '../src/publish/build.js';
import type { PublishedSkill } from '../src/publish/model.js';
import { preparedSkillOf } from '../src/publish/prepared-skill.js';
import type { SkillSource } from '../src/publish/skill-record.js';
import { skillSourceOf } from '../src/publish/sources.js';
import { pageFieldKeys } from '../src/site/page-plan.js';
import { assembleSkillPage, renderSkillPage, skillPageParts, type PageValidation } from '../src/site/pages.js';
import { readSiteScript } from '../src/site/render-site.js';
import { IDS, skillText, sourceOf } from './publish-fixtures.js';

/*
 * A build makes each skill's record, documents and page (but for its payload checks) in the
 * per-file phase, on the analysis workers (src/publish/prepared-skill.ts, file-step.ts). The
 * catalog must be byte for byte the one the main thread makes from the plain sources.
 */

const AGENTS = 'interface:\n  display_name: "Gamma From Agents"\n';

/** A skill whose input schema has a keyword the shared shell does not run: its page gets a whole validator. */
function withOwnValidator(source: SkillSource): SkillSource {
  const derived = structuredClone(source.derived) as NonNullable<SkillSource['derived']>;
  derived.inputSchema = { ...derived.inputSchema, minProperties: 1 };
  return { ...source, derived };
}

function plainSources(): SkillSource[] {
  return [
    sourceOf(IDS.alpha),
    sourceOf(IDS.beta, { title: 'Beta & "Images"', extraTags: ['showcase'] }),
    sourceOf(IDS.gamma, { agentsYaml: AGENTS }),
    withOwnValidator(sourceOf('popiskill-image-text2image-delta-v1')),
  ];
}

function filesOf(sources: readonly SkillSource[]): Map<string, string> {
  const result = buildCatalog(sources, { siteScript: readSiteScript() });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.catalog.files;
}

describe('prepared skills (the per-file share of the build)', () => {
  it('give the same catalog, every byte, as the plain sources', () => {
    const plain = plainSources();
    const prepared = plain.map((source) => ({ ...source, prepared: preparedSkillOf(source) }));
    expect(prepared.map((source) => source.prepared?.page.fieldKeys === null)).toEqual([false, false, false, true]);
    const expected = filesOf(plain);
    const actual = filesOf(prepared);
    expect([...actual.keys()]).toEqual([...expected.keys()]);
    for (const [file, text] of expected) expect(actual.get(file), file).toBe(text);
  });

  it('carry the display name from agents/openai.yaml, so the main thread does not read that file again', () => {
    const gamma = sourceOf(IDS.gamma, { agentsYaml: AGENTS });
    const prepared = preparedSkillOf(gamma);
    expect(prepared?.name).toBe('Gamma From Agents');
    const { agents: _agents, ...withoutAgents } = gamma;
    const catalog = JSON.parse(filesOf([{ ...withoutAgents, prepared }]).get('catalog.json') as string) as { skills: Array<{ name: string }> };
    expect(catalog.skills.map((skill) => skill.name)).toEqual(['Gamma From Agents']);
  });

  it('are not made for a source the build refuses (it reports the problem itself)', () => {
    const alpha = sourceOf(IDS.alpha);
    expect(preparedSkillOf({ ...alpha, frontMatter: { ...alpha.frontMatter, version: '' } })).toBeUndefined();
    expect(preparedSkillOf({ ...alpha, derived: undefined })).toBeUndefined();
  });

  it('split a page around its payload checks: the parts and the checks put together are renderSkillPage', () => {
    const source = sourceOf(IDS.alpha);
    const prepared = preparedSkillOf(source);
    const skill = JSON.parse(prepared?.document ?? '') as PublishedSkill;
    const rendered = { workflow: '<p>rendered</p>' };
    const parts = skillPageParts(skill, rendered);
    expect(parts.foot).toBe('</body>\n</html>\n');
    expect(parts.head.endsWith('</script>\n')).toBe(true);
    expect(pageFieldKeys(skill.input_schema)).toEqual(prepared?.page.fieldKeys);
    const validations: PageValidation[] = [
      { fields: { prompt: 's0' }, local: [['l0', 'module.exports = function () { return true; };']] },
      { fields: {}, local: [] },
      { validator: 'module.exports = function v() { return "</script>"; };' },
    ];
    for (const validation of validations) expect(assembleSkillPage(parts, validation)).toBe(renderSkillPage(skill, validation, rendered));
  });

  it('are made on the analysis of a build, the same on a worker thread (the compiled analysis worker) as here', async () => {
    const inputs = [IDS.alpha, IDS.beta].map((id) => ({
      filePath: `/c/skills/${id}/SKILL.md`,
      decoded: decodeSkillBytes(Buffer.from(skillText(id), 'utf8')),
    }));
    const env = createLintEnvironment({ publish: true });
    const analyses = inputs.map((input) => analyzeFile(input, env));
    for (const analysis of analyses) {
      expect(analysis.publication?.prepared).toBeDefined();
      const { prepared, ...rest } = analysis.publication ?? {};
      expect(prepared).toEqual(preparedSkillOf(skillSourceOf({ ...analysis, publication: rest as NonNullable<typeof analysis.publication> })));
    }
    expect(analyzeFile(inputs[0] as (typeof inputs)[0], createLintEnvironment({})).publication).toBeUndefined();
    const worker = new Worker(new URL('../dist/check/analysis-worker.js', import.meta.url), { workerData: { publish: true } });
    try {
      const answers: Array<{ from: number; analyses: Array<{ publication?: unknown }> }> = [];
      await new Promise<void>((resolve, reject) => {
        worker.on('message', (answer: (typeof answers)[number]) => {
          // The first message says the worker is ready.
          if (answers.push(answer) === 1) worker.postMessage({ from: 0, jobs: inputs.map((input) => ({ input })) });
          else resolve();
        });
        worker.once('error', reject);
      });
      expect(answers[1]?.analyses.map((analysis) => analysis.publication)).toEqual(analyses.map((analysis) => analysis.publication));
    } finally {
      await worker.terminate();
    }
  });
});
