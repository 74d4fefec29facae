import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../src/core/diagnostic.js';
import { contextAnalysis, contextToAnalyseFully, quickContextAnalysis, quickContextAnalysisOfBytes } from '../src/check/context-facts.js';
import { createLintEnvironment } from '../src/check/environment.js';
import { analyzeFile, type LintResult } from '../src/check/lint.js';
import { skillIdOf } from '../src/check/references/catalog-index.js';
import { EXAMPLE_BODY, EXAMPLE_FRONT_MATTER, EXAMPLE_ID, exampleSkill } from '../src/check/rules/example-skill.js';
import { ALL_RULES } from '../src/check/rules/index.js';
import { decodeSkillBytes } from '../src/load/decode.js';
import { contextFileReader } from '../src/load/read-context.js';
import { readSkillFile } from '../src/load/read.js';
import { lintPaths, reportPaths } from '../src/pipeline.js';
import { catalogWriter } from './support/temp-folder.js';

/*
 * `validate skills/<id>` gives the rest of the catalog light facts (check/context-facts.ts). The
 * invariant: every target's diagnostics are exactly those it gets when the whole catalog is
 * validated, where every skill has its full analysis.
 */

type Files = Record<string, string | Uint8Array>;

const writeCatalog = catalogWriter('skillhub-context-');
const scratch: string[] = [];
afterAll(async () => {
  await Promise.all(scratch.map((folder) => rm(folder, { recursive: true, force: true })));
});

/** Reports without the analyses that lintPaths keeps on them (stored reports have none). */
const plain = (reports: ReadonlyArray<{ filePath: string; diagnostics: Diagnostic[] }>) => reports.map(({ filePath, diagnostics }) => ({ filePath, diagnostics }));

const diagnosticsOf = (results: readonly LintResult[], skillFile: string): Diagnostic[] =>
  results.filter((result) => result.analysis.filePath === skillFile).flatMap((result) => result.diagnostics);

/**
 * Validates the whole catalog, then each SKILL.md alone with the rest as context, and expects the
 * same diagnostics for it. Returns the whole catalog's diagnostics.
 */
async function expectSameInContext(files: Files, options: { maxFileSize?: number } = {}, cacheLocation?: string): Promise<Diagnostic[]> {
  const { root, skills } = await writeCatalog(files);
  const whole = await lintPaths([skills], root, options, { concurrency: 'off' });
  const skillFiles = whole.results.map((result) => result.analysis.filePath).filter((filePath, index, all) => all.indexOf(filePath) === index);
  expect(skillFiles.length).toBe(Object.keys(files).filter((relative) => /(^|\/)skill\.md$/i.test(relative)).length);
  for (const skillFile of skillFiles) {
    const run = { concurrency: 'off' as const, context: [skills], ...(cacheLocation ? { cacheLocation: path.join(root, cacheLocation) } : {}) };
    const alone = await lintPaths([skillFile], root, options, run);
    expect(alone.results.every((result) => result.analysis.filePath === skillFile)).toBe(true);
    expect({ skillFile, diagnostics: diagnosticsOf(alone.results, skillFile) }).toEqual({ skillFile, diagnostics: diagnosticsOf(whole.results, skillFile) });
  }
  return whole.results.flatMap((result) => result.diagnostics);
}

const CATALOG_RULES = ALL_RULES.filter((rule) => rule.scope === 'catalog');

describe('one skill in its catalog: light context gives the same diagnostics', () => {
  it("on every catalog rule's documented examples, for every SKILL.md of each", async () => {
    const fired = new Set<string>();
    for (const rule of CATALOG_RULES) {
      for (const example of rule.examples) {
        for (const diagnostic of await expectSameInContext(example.files, example.options)) fired.add(diagnostic.ruleId);
      }
    }
    // Not vacuous: every catalog rule reported something in these catalogs.
    expect(CATALOG_RULES.map((rule) => rule.id).filter((id) => !fired.has(id))).toEqual([]);
  }, 120_000);

  it('on a catalog with runs of other skills, unknown ids, duplicates and front matter the quick path refuses', async () => {
    const diagnostics = await expectSameInContext(TRICKY_CATALOG);
    const summary = diagnostics
      .filter((d) => CATALOG_RULES.some((rule) => rule.id === d.ruleId))
      .map((d) => `${path.basename(path.dirname(d.filePath))}:${d.range.start.line}:${d.range.start.column} ${d.ruleId}`)
      .sort();
    // What the catalog exercises, as the whole catalog reports it (the comparison above is per file).
    expect(summary).toEqual([
      `${id('b-deprecated')}:38:3 payload-deprecated-field`,
      `${id('c-dup')}:2:7 duplicate-name`,
      // Skills whose name is not their folder's run their folder's id, which is no skill.
      `${id('c-dup')}:30:13 run-unknown-skill`,
      `${id('t-broken-name')}:30:13 run-unknown-skill`,
      `${id('t-dup')}:2:7 duplicate-name`,
      `${id('t-dup')}:30:13 run-unknown-skill`,
      // c-bad-tail (its bytes are not all UTF-8); c-bom and c-accents are known.
      `${id('t-refs')}:49:94 skill-reference-unknown`,
      `${id('t-runs')}:17:8 skill-reference-unknown`,
      `${id('t-runs')}:33:59 run-input`,
      `${id('t-runs')}:34:81 payload-deprecated-field`,
      `${id('t-runs')}:36:13 run-unknown-skill`,
      `${id('t-runs')}:37:13 run-unknown-skill`,
      `${id('t-runs')}:38:71 run-input`,
    ]);
  }, 120_000);

  it('with a cache: a light run neither changes the answer nor leaves reports a later run would reuse', async () => {
    const { root, skills } = await writeCatalog(TRICKY_CATALOG);
    const cacheLocation = path.join(root, '.cache.json');
    const uncached = await reportPaths([skills], root, {}, { concurrency: 'off' });
    const target = path.join(skills, id('t-runs'), 'SKILL.md');
    const context = { concurrency: 'off' as const, context: [skills], cacheLocation };
    const first = await lintPaths([target], root, {}, context);
    expect(diagnosticsOf(first.results, target)).toEqual(uncached.reports.filter((report) => report.filePath === target).flatMap((report) => report.diagnostics));
    // The whole catalog with the cache the light run wrote, twice (the second from stored reports).
    for (let run = 0; run < 2; run++) expect(plain((await reportPaths([skills], root, {}, { concurrency: 'off', cacheLocation })).reports)).toEqual(plain(uncached.reports));
    // A context file changes: the light run reads it again, and the next complete run is right.
    const changed = path.join(skills, id('c-good'), 'SKILL.md');
    await writeFile(changed, skill('c-good').replace('## Required input', '## Required input\n\nSomething new.'));
    const after = await lintPaths([target], root, {}, context);
    const afterUncached = await reportPaths([skills], root, {}, { concurrency: 'off' });
    expect(diagnosticsOf(after.results, target)).toEqual(afterUncached.reports.filter((report) => report.filePath === target).flatMap((report) => report.diagnostics));
    expect(plain((await reportPaths([skills], root, {}, { concurrency: 'off', cacheLocation })).reports)).toEqual(plain(afterUncached.reports));
  }, 120_000);
  it('with a cache: after a light run analysed files again, no later run replays an older complete run', async () => {
    // t-runs runs c-good with `prompt`; c-good changes so that `prompt` is no longer its field, and
    // an unrelated skill changes too (so the light run stays light). Reverting that skill makes every
    // file unchanged again, and the whole-catalog run must not answer from the first run's reports.
    const { root, skills } = await writeCatalog(TRICKY_CATALOG);
    const cacheLocation = path.join(root, '.cache.json');
    const whole = { concurrency: 'off' as const, cacheLocation };
    await reportPaths([skills], root, {}, whole);
    const target = path.join(skills, id('t-runs'), 'SKILL.md');
    const runs = path.join(skills, id('c-good'), 'SKILL.md');
    await writeFile(runs, skill('c-good').replace('- `prompt`: what the image should show', '- `text`: what the image should show').replace('"prompt": "a lighthouse at dawn"', '"text": "a lighthouse at dawn"'));
    const other = path.join(skills, id('c-crlf'), 'SKILL.md');
    const otherText = TRICKY_CATALOG[`${id('c-crlf')}/SKILL.md`] as string;
    await writeFile(other, `${otherText}
A new line.
`);
    await lintPaths([target], root, {}, { ...whole, context: [skills] });
    await writeFile(other, otherText);
    const expected = await reportPaths([skills], root, {}, { concurrency: 'off' });
    const targetRunInput = (reports: ReadonlyArray<{ filePath: string; diagnostics: Diagnostic[] }>) =>
      reports.filter((report) => report.filePath === target).flatMap((report) => report.diagnostics.filter((d) => d.ruleId === 'run-input').map((d) => `${d.range.start.line}:${d.range.start.column}`));
    // The changed c-good refuses the first run's `prompt` input too (line 32), which the old reports did not say.
    expect(targetRunInput(expected.reports)).toEqual(['32:59', '32:60', '33:59', '38:71']);
    expect(plain((await reportPaths([skills], root, {}, whole)).reports)).toEqual(plain(expected.reports));
  }, 120_000);
});

describe('light facts', () => {
  const env = createLintEnvironment({});
  const input = (folder: string, text: string) => ({ filePath: path.resolve('/catalog/skills', folder, 'SKILL.md'), decoded: decodeSkillBytes(new TextEncoder().encode(text), 1_000_000) });

  it('are the facts the full analysis records for every file of the tricky catalog', () => {
    for (const [relative, content] of Object.entries(TRICKY_CATALOG)) {
      if (!relative.endsWith('SKILL.md')) continue;
      const skillInput = {
        filePath: path.resolve('/catalog/skills', relative),
        decoded: decodeSkillBytes(typeof content === 'string' ? new TextEncoder().encode(content) : content, 1_000_000),
      };
      const full = analyzeFile(skillInput, env).facts;
      const light = contextAnalysis(skillInput).facts;
      expect({ relative, name: light.name, folderName: light.folderName }).toEqual({ relative, name: full.name, folderName: full.folderName });
      const quick = quickContextAnalysis(skillInput);
      if (quick) expect({ relative, id: skillIdOf(quick) }).toEqual({ relative, id: skillIdOf({ ...quick, facts: full }) });
    }
  });

  it('take the quick path only for a bare `---` block with one `name: <folder>` line and plain keys', () => {
    const quick = (text: string, folder = 'demo-v1') => quickContextAnalysis(input(folder, text))?.facts;
    expect(quick('---\nname: demo-v1\ndescription: d\ntags:\n  - a\n- b\n# note\n---\n# Demo\n')).toEqual({ folderName: 'demo-v1', name: 'demo-v1' });
    expect(quick('---\r\nname: demo-v1\r\n---\r\n')).toEqual({ folderName: 'demo-v1', name: 'demo-v1' });
    for (const refused of [
      '---\nname: other-v1\n---\n', // another name: the id is the name, read exactly
      '---\nname: demo-v1\nname: demo-v1\n---\n', // two names: the YAML decides
      '---\nname: demo-v1 # comment\n---\n',
      "---\nname: 'demo-v1'\n---\n",
      '---\n"name": demo-v1\n---\n',
      '---\n? name\n: demo-v1\n---\n',
      '---\n{name: demo-v1}\n---\n',
      '---\n&a name: demo-v1\n---\n',
      '---\nname: demo-v1\n...\n---\n',
      '---yaml\nname: demo-v1\n---\n',
      '---\nname: demo-v1\n', // not closed
      '---\nname: demo-v1\rdescription: x\n---\n', // a lone CR
      'name: demo-v1\n', // no front matter
      '---\ndescription: d\n---\n', // no name
    ]) {
      expect({ refused, facts: quick(refused) }).toEqual({ refused, facts: undefined });
    }
  });

  it('never give another id than the exact reading, whatever the front matter (property)', () => {
    const line = fc.constantFrom(
      'name: demo-v1',
      'name: other-v1',
      'name: true',
      'name:',
      'name: [demo-v1]',
      '  name: nested-v1',
      'description: |',
      'description: >-',
      '  name: demo-v1',
      'description: "open',
      'name: demo-v1"',
      "description: 'x",
      'meta:',
      '  - a',
      '- b',
      'tags: [a,',
      'name: demo-v1]',
      '\tname: tabbed-v1',
      '# name: commented-v1',
      'key: value: more',
      'text: a # b',
      '',
      '   ',
      'version: v1',
      '---',
      '...',
      '%YAML 1.2',
      '!!map',
      'x: *alias',
      'y: &anchor v',
      '<<: {name: merged-v1}',
      'a: {',
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 8 }), fc.constantFrom('\n', '\r\n'), (lines, eol) => {
        const text = `---${eol}${lines.join(eol)}${eol}---${eol}# Title${eol}`;
        const skillInput = input('demo-v1', text);
        const quick = quickContextAnalysis(skillInput);
        if (!quick) return;
        const exact = contextAnalysis(skillInput);
        expect(skillIdOf(quick)).toBe(skillIdOf(exact));
        // The name may be unset in the exact reading (broken YAML), never another one.
        expect([undefined, quick.facts.name]).toContain(exact.facts.name);
        expect(skillIdOf(analyzeFile(skillInput, env))).toBe(skillIdOf(exact));
      }),
      { numRuns: 400, seed: 13 },
    );
  });

  it('from bytes, decoding only the front matter, are those of the whole text decoded (property)', () => {
    const encoder = new TextEncoder();
    const piece = fc.constantFrom(
      '---',
      '--- ',
      '----',
      '\n',
      '\r\n',
      '\r',
      'name: demo-v1',
      'name: other-v1',
      '"name": demo-v1',
      'description: é — ü',
      'tags:\n  - a',
      '# Demo',
      '...',
      'x',
      '\uFEFF',
      '\u2028',
      '😀',
    );
    const oddBytes = fc.constantFrom([], [0xef, 0xbb, 0xbf], [0xff], [0xc3, 0x28], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0x00]);
    fc.assert(
      fc.property(fc.boolean(), fc.array(fc.oneof(piece, oddBytes), { maxLength: 14 }), fc.nat(60), (bom, parts, limit) => {
        const chunks = [bom ? [0xef, 0xbb, 0xbf] : [], ...parts.map((part) => (typeof part === 'string' ? [...encoder.encode(part)] : part))];
        const bytes = new Uint8Array(chunks.flat());
        const filePath = path.resolve('/catalog/skills/demo-v1/SKILL.md');
        for (const maxFileSize of [1_000_000, limit]) {
          const decoded = decodeSkillBytes(bytes, maxFileSize);
          const whole = quickContextAnalysis({ filePath, decoded });
          // In a larger buffer, as the reader gives them.
          const inBuffer = new Uint8Array(bytes.length + 8).fill(0x2d).subarray(4, 4 + bytes.length);
          inBuffer.set(bytes);
          expect(quickContextAnalysisOfBytes({ filePath, bytes: inBuffer }, maxFileSize)).toEqual(whole);
        }
      }),
      { numRuns: 3000, seed: 13 },
    );
    const facts = (text: string | number[], maxFileSize?: number) =>
      quickContextAnalysisOfBytes({ filePath: path.resolve('/s/demo-v1/SKILL.md'), bytes: typeof text === 'string' ? new TextEncoder().encode(text) : new Uint8Array(text) }, maxFileSize)?.facts;
    const plain = { folderName: 'demo-v1', name: 'demo-v1' };
    expect(facts('---\nname: demo-v1\ndescription: é\n---\n# Demo\n')).toEqual(plain);
    expect(facts('\uFEFF---\r\nname: demo-v1\r\n---\r\n')).toEqual(plain);
    // Not UTF-8 after the front matter: the file cannot be read, so it gives no quick facts.
    expect(facts([...new TextEncoder().encode('---\nname: demo-v1\n---\n'), 0xff])).toBeUndefined();
    expect(facts('\uFEFF\uFEFF---\nname: demo-v1\n---\n')).toBeUndefined();
    // Larger than the limit: refused as decodeSkillBytes refuses it, however small its front matter.
    expect(facts('---\nname: demo-v1\n---\n# Demo\n', 28)).toBeUndefined();
    expect(facts('---\nname: demo-v1\n---\n# Demo\n', 29)).toEqual(plain);
  });

  it('ask for the full analysis of exactly the context skills a target runs', () => {
    const facts = (filePath: string, name: string, runs: string[] = []) => ({
      filePath,
      diagnostics: [],
      facts: { name, folderName: name, runInvocations: runs.map((skillId) => ({ skillId, skillRange: { start: { line: 1, column: 1 }, end: { line: 1, column: 2 } }, inCommandPattern: false })) },
    });
    const analyses = [facts('/s/t/SKILL.md', 't', ['a', 'missing']), facts('/s/a/SKILL.md', 'a', ['b']), facts('/s/b/SKILL.md', 'b'), facts('/s/c/SKILL.md', 'c')];
    expect([...contextToAnalyseFully(analyses, new Set(['/s/t/SKILL.md']), new Set(['/s/a/SKILL.md', '/s/b/SKILL.md', '/s/c/SKILL.md']))]).toEqual(['/s/a/SKILL.md']);
  });
});

describe('the context file reader', () => {
  it('answers as readSkillFile does: text, too large, not a file, linked files and folders inside, outside and to nothing, unlisted', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'skillhub-context-read-'));
    scratch.push(root);
    const skills = path.join(root, 'skills');
    const write = async (relative: string, content: string | Uint8Array) => {
      await mkdir(path.dirname(path.join(root, relative)), { recursive: true });
      await writeFile(path.join(root, relative), content);
    };
    await write('skills/plain/SKILL.md', '---\nname: plain\n---\n# Plain\n');
    await write('skills/large/SKILL.md', `---\nname: large\n---\n${'x'.repeat(300)}\n`);
    await write('skills/binary/SKILL.md', new Uint8Array([0xff, 0xfe, 0x00, 0x41]));
    await mkdir(path.join(skills, 'folder', 'SKILL.md'), { recursive: true });
    await write('outside/SKILL.md', '---\nname: outside\n---\n');
    await mkdir(path.join(skills, 'linked-out'));
    await symlink(path.join(root, 'outside', 'SKILL.md'), path.join(skills, 'linked-out', 'SKILL.md'));
    await mkdir(path.join(skills, 'linked-in'));
    await symlink(path.join(skills, 'plain', 'SKILL.md'), path.join(skills, 'linked-in', 'SKILL.md'));
    await mkdir(path.join(skills, 'dangling'));
    await symlink(path.join(skills, 'nothing', 'SKILL.md'), path.join(skills, 'dangling', 'SKILL.md'));
    await symlink(path.join(skills, 'plain'), path.join(skills, 'folder-linked-in'));
    await symlink(path.join(root, 'outside'), path.join(skills, 'folder-linked-out'));
    const files = ['plain', 'large', 'binary', 'folder', 'linked-out', 'linked-in', 'dangling', 'absent', 'folder-linked-in', 'folder-linked-out'].map((folder) => ({ filePath: path.join(skills, folder, 'SKILL.md'), root: skills }));
    files.push({ filePath: path.join(skills, 'locked', 'SKILL.md'), root: skills, unlisted: 'EACCES' } as (typeof files)[number]);
    files.push({ filePath: path.join(skills, 'plain', 'SKILL.md'), root: path.join(root, 'no-such-root') });
    const read = contextFileReader(200);
    for (const file of files) expect({ file: file.filePath, ...read(file) }).toEqual({ file: file.filePath, ...(await readSkillFile(file, 200)) });
    const kinds = files.map((file) => read(file).decoded).map((decoded) => (decoded.ok ? 'ok' : decoded.problem.kind));
    expect(kinds).toEqual([
      'ok', 'too-large', 'encoding', 'unreadable', 'symlink-outside-root', 'ok', 'unreadable', 'unreadable', 'ok', 'symlink-outside-root', 'unreadable', 'unreadable',
    ]);
  });
});

/** A skill id of the tricky catalog. */
function id(suffix: string): string {
  return `popiskill-image-text2image-${suffix}-v1`;
}

/** The accepted example skill under another id, with an optional body and front matter. */
function skill(suffix: string, parts: { body?: string; frontMatter?: string } = {}): string {
  return exampleSkill({ body: parts.body ?? EXAMPLE_BODY, frontMatter: parts.frontMatter ?? EXAMPLE_FRONT_MATTER }).replaceAll(EXAMPLE_ID, id(suffix));
}

const ALIAS_BODY = EXAMPLE_BODY.replace('- Keep prompts short.', '- Keep prompts short.\n- `ratio` is a compatibility alias for `aspect_ratio`.');

/** Every way a context skill's facts matter to a target, and front matter the quick path must refuse. */
const TRICKY_CATALOG: Files = {
  // Runs of context skills: a good input, a bad one, a deprecated field, an unknown id, a skill that
  // could not be read, a skill whose name is not its folder's; a prose reference to an unknown id.
  [`${id('t-runs')}/SKILL.md`]: skill('t-runs', {
    body: EXAMPLE_BODY.replace('- `prompt`: what the image should show', `- \`prompt\`: what the image should show\n- see \`${id('c-nothere')}\` and \`${id('c-broken')}\``).replace(
      `popiart run ${EXAMPLE_ID} --input @params.json --wait`,
      [
        `popiart run ${EXAMPLE_ID} --input @params.json --wait`,
        `popiart run ${id('c-good')} --input '{"prompt": "a harbour"}'`,
        `popiart run ${id('c-good')} --input '{"aspect_ratio": "16:9"}'`,
        `popiart run ${id('b-deprecated')} --input '{"prompt": "p", "ratio": "1:1"}'`,
        `popiart run ${id('c-good')} --wait`,
        `popiart run ${id('c-unreadable')} --input '{"prompt": "p"}'`,
        `popiart run ${id('c-nothere-x')} --input '{"prompt": "p"}'`,
        `popiart run ${id('renamed')} --input '{"prompt": 3}'`,
      ].join('\n'),
    ),
  }),
  [`${id('c-good')}/SKILL.md`]: skill('c-good'),
  [`${id('b-deprecated')}/SKILL.md`]: skill('b-deprecated', { body: ALIAS_BODY.replace('"aspect_ratio": "16:9"', '"ratio": "16:9"') }),
  [`${id('c-unreadable')}/SKILL.md`]: new Uint8Array([0x2d, 0x2d, 0x2d, 0x0a, 0xff, 0xfe, 0x00, 0x0a]),
  // Its folder is one id, its name another: the quick path refuses it, the run above finds it by name.
  [`${id('c-folder')}/SKILL.md`]: skill('renamed'),
  // Broken YAML with a `name:` line: no name at all (so its id is its folder's, and it is no duplicate of t-broken-name).
  [`${id('c-broken')}/SKILL.md`]: skill('c-broken', { frontMatter: `${EXAMPLE_FRONT_MATTER}\nbroken: [unclosed` }),
  [`${id('t-broken-name')}/SKILL.md`]: skill('t-broken-name').replace(`name: ${id('t-broken-name')}`, `name: ${id('c-broken')}`),
  // Duplicates: a context skill earlier by path than the target that repeats its name, and one later.
  [`${id('c-dup')}/SKILL.md`]: skill('c-dup').replace(`name: ${id('c-dup')}`, `name: ${id('b-dup')}`),
  [`${id('b-dup')}/SKILL.md`]: skill('b-dup'),
  [`${id('t-dup')}/SKILL.md`]: skill('t-dup').replace(`name: ${id('t-dup')}`, `name: ${id('b-dup')}`),
  // Front matter written differently: CRLF, comments, a quoted name.
  [`${id('c-crlf')}/SKILL.md`]: skill('c-crlf').replaceAll('\n', '\r\n'),
  [`${id('c-comment')}/SKILL.md`]: skill('c-comment', { frontMatter: `# owner: images\n${EXAMPLE_FRONT_MATTER}` }),
  [`${id('c-quoted')}/SKILL.md`]: skill('c-quoted').replace(`name: ${id('c-quoted')}`, `name: '${id('c-quoted')}'`),
  // Read as bytes (context-facts.ts decodes only the front matter): a byte order mark, text beyond
  // ASCII in the front matter, and a front matter that is fine followed by bytes that are not UTF-8
  // (the file cannot be read, so its id is unknown), each referenced by t-refs.
  [`${id('c-bom')}/SKILL.md`]: `\uFEFF${skill('c-bom')}`,
  [`${id('c-accents')}/SKILL.md`]: skill('c-accents', { frontMatter: EXAMPLE_FRONT_MATTER.replace(/^description: .*$/m, 'description: Génère une image — vite, très «bien».') }),
  [`${id('c-bad-tail')}/SKILL.md`]: new Uint8Array([...new TextEncoder().encode(skill('c-bad-tail')), 0xc3, 0x28, 0x0a]),
  [`${id('t-refs')}/SKILL.md`]: skill('t-refs', {
    body: EXAMPLE_BODY.replace('- Keep prompts short.', `- Keep prompts short.\n- Also \`${id('c-bom')}\`, \`${id('c-accents')}\` and \`${id('c-bad-tail')}\`.`),
  }),
};
