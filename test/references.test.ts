import { describe, expect, it } from 'vitest';
import { closestSkillsHint } from '../src/check/references/catalog-index.js';
import { collectSkillReferences } from '../src/check/references/collect-references.js';
import { parseSkillDocument } from '../src/parse/skill-document.js';
import { crossCheck, frontMatterLines } from './commands-fixtures.js';

const TEXT = 'popiskill-image-text2image-fixture-v1';
const IMG = 'popiskill-image-img2img-fixture-v1';
const VIDEO = 'popiskill-video-image2video-fixture-v1';

function skill(id: string, body: string[]): string {
  return [...frontMatterLines(id), '# Fixture', '', '## Required input', '', '- `prompt`: what to make', '', ...body, ''].join('\n');
}

describe('collectSkillReferences', () => {
  it('finds versioned ids in prose, code spans and code blocks, and tells switch sentences apart', () => {
    const text = skill(TEXT, [
      `If you need motion, switch to \`${VIDEO}\`; see also ${IMG}.`, // 18
      'Or switch', // 19
      `to **${IMG}**.`, // 20
      '```sh',
      `popiart skills get ${VIDEO}`, // 22
      '```',
      'Not ids: popiskill-image-text2image-fixture, xpopiskill-a-v1, popiskill-a-v1x.',
    ]);
    const refs = collectSkillReferences(parseSkillDocument(`/c/${TEXT}/SKILL.md`, text));
    expect(refs.map((ref) => `${ref.range.start.line}:${ref.range.start.column}-${ref.range.end.column} ${ref.kind} ${ref.id}`)).toEqual([
      `18:32-70 switch ${VIDEO}`,
      `18:82-116 mention ${IMG}`,
      `20:6-40 switch ${IMG}`,
      `22:20-58 mention ${VIDEO}`,
    ]);
  });

  it('ignores the front matter', () => {
    const text = skill(TEXT, []);
    expect(collectSkillReferences(parseSkillDocument(`/c/${TEXT}/SKILL.md`, text))).toEqual([]);
  });
});

describe('closestSkillsHint', () => {
  it('offers one id, several, or says none is close', () => {
    expect(closestSkillsHint('popiskill-image-text2image-fixture-v2', [TEXT, VIDEO])).toBe(` Did you mean \`${TEXT}\`?`);
    expect(closestSkillsHint('popiskill-image-img2img-fixture-v2', [TEXT, IMG])).toBe(` Closest ids: \`${IMG}\`, \`${TEXT}\`.`);
    expect(closestSkillsHint('popiskill-audio-tts-multimodel-v1', [TEXT, IMG])).toBe(' No skill id in this catalog is close to it.');
  });
});

describe('skill references, end to end', () => {
  const image = skill(IMG, ['## Operating guidance', '', '- Nothing to add.']);

  it('accepts references to skills of the catalog', () => {
    const text = skill(TEXT, ['## Operating guidance', '', `- For source-image conditioning, switch to \`${IMG}\`.`]);
    expect(crossCheck({ [`${TEXT}/SKILL.md`]: text, [`${IMG}/SKILL.md`]: image })).toEqual([]);
  });

  it('reports unknown ids with the closest existing ones, once per id written', () => {
    const text = skill(TEXT, [
      '## Operating guidance', // 18
      '',
      `- For motion, switch to \`${VIDEO}\`.`, // 20
      '- For conditioning, run `popiskill-image-img2img-fixture-v2` first.', // 21
      '',
      '```sh',
      'popiart run popiskill-image-img2img-fixtur-v1 --wait', // 24
      '```',
    ]);
    expect(crossCheck({ [`${TEXT}/SKILL.md`]: text, [`${IMG}/SKILL.md`]: image })).toEqual([
      `${TEXT}/SKILL.md:20:26 skill-reference-unknown \`${VIDEO}\` is not a skill in this catalog. Did you mean \`${IMG}\`?`,
      `${TEXT}/SKILL.md:21:26 skill-reference-unknown \`popiskill-image-img2img-fixture-v2\` is not a skill in this catalog. Closest ids: \`${IMG}\`, \`${TEXT}\`.`,
      `${TEXT}/SKILL.md:24:13 run-unknown-skill This command runs \`popiskill-image-img2img-fixtur-v1\`, which is not a skill in this catalog. Closest ids: \`${IMG}\`, \`${TEXT}\`.`,
    ]);
  });

  it('warns about a switch to the skill itself, but not about other mentions of it', () => {
    const text = skill(TEXT, [
      '## Command pattern', // 18
      '',
      '```sh',
      `popiart run ${TEXT} --input @params.json`,
      '```',
      '',
      '## Operating guidance', // 24
      '',
      `- This is \`${TEXT}\`.`,
      `- If the result needs a new style, switch to \`${TEXT}\`.`, // 27
    ]);
    expect(crossCheck({ [`${TEXT}/SKILL.md`]: text })).toEqual([
      `${TEXT}/SKILL.md:27:47 skill-reference-self This sentence says to switch to \`${TEXT}\`, which is this skill itself: name the skill to switch to.`,
    ]);
  });

  it("warns about another skill's run in the command pattern only", () => {
    const text = skill(TEXT, [
      '## Command pattern', // 18
      '',
      '```sh',
      `popiart run ${IMG} --input @params.json`, // 21
      '```',
      '',
      '## Operating guidance',
      '',
      `- Restyle with \`popiart run ${IMG} --input @restyle.json\`.`,
    ]);
    expect(crossCheck({ [`${TEXT}/SKILL.md`]: text, [`${IMG}/SKILL.md`]: image })).toEqual([
      `${TEXT}/SKILL.md:21:13 run-other-skill The command pattern runs \`${IMG}\`, not this skill (\`${TEXT}\`).`,
    ]);
  });
});
