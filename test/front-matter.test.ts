import matter from 'gray-matter';
import { describe, expect, it } from 'vitest';
import { splitFrontMatter, type FrontMatterBlock } from '../src/parse/front-matter.js';

/*
 * splitFrontMatter does gray-matter's split itself (gray-matter copied every document into a
 * Buffer and built its options on every call). The oracle below is the split as it was done
 * through gray-matter: the answers must be the same for every text.
 */
const INERT = { parse: () => ({}) };
const refuse = (): never => {
  throw new Error('never evaluated');
};
const ENGINES = { yaml: INERT, javascript: { parse: refuse }, js: { parse: refuse }, json: { parse: refuse }, toml: { parse: refuse } };

function throughGrayMatter(original: string): FrontMatterBlock | undefined {
  const text = original.replace(/\r(?!\n)/g, '\n');
  if (!text.startsWith('---') || text.charAt(3) === '-') return undefined;
  const { raw, name } = matter.language(text);
  const neutral = `---${' '.repeat(raw.length)}${text.slice(3 + raw.length)}`;
  const file = matter(neutral, { engines: ENGINES, language: 'yaml' });
  const block = file.matter;
  const closed = text.startsWith('\n---', 3 + block.length);
  return {
    language: name.toLowerCase(),
    languageOffset: 3 + (raw.length - raw.trimStart().length),
    text: block.endsWith('\r') ? block.slice(0, -1) : block,
    offset: 3,
    bodyOffset: closed ? text.length - file.content.length : text.length,
    closed,
  };
}

const CASES = [
  '',
  '---',
  '----',
  '---a',
  '---ab',
  '--- yaml',
  '---\n',
  '---\n---',
  '---\n---\n',
  '---\r\n---\r\nbody',
  '---\rname: x\r---\rbody',
  '---\nname: x\n---\nbody\n',
  '---\nname: x\r\n---\r\n\r\nbody',
  '--- YAML \nname: x\n---\n# Title\n',
  '---json\n{"a": 1}\n---\nbody',
  '---  javascript  \r\nname: x\r\n---',
  '---\nname: x\n--- trailing\nbody',
  '---\nname: x\n----\nbody',
  '---\n# only a comment\n---\nbody',
  '---\nname: x\n\n---\n\n\nbody',
  '---\nname: x',
  '---\nname: x\n',
  '\uFEFF---\nname: x\n---\n',
  '# no front matter\n---\n',
  ' ---\nname: x\n---\n',
];

/** Small texts over the characters the split looks at, from a fixed seed. */
function generated(count: number): string[] {
  const alphabet = ['-', '-', '-', '\n', '\r', '\r\n', ' ', 'a', '#', 'yaml', ':'];
  let seed = 7;
  const next = (): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed;
  };
  const texts: string[] = [];
  for (let i = 0; i < count; i++) {
    let text = '---';
    const length = next() % 24;
    for (let j = 0; j < length; j++) text += alphabet[next() % alphabet.length];
    texts.push(text);
  }
  return texts;
}

describe('splitFrontMatter', () => {
  it('splits as gray-matter did, on hand-picked texts', () => {
    for (const text of CASES) expect(splitFrontMatter(text), JSON.stringify(text)).toEqual(throughGrayMatter(text));
  });

  it('splits as gray-matter did, on 5,000 generated texts', () => {
    const texts = generated(5000);
    const differing = texts.filter((text) => JSON.stringify(splitFrontMatter(text)) !== JSON.stringify(throughGrayMatter(text)));
    expect(differing).toEqual([]);
  });

  it('reads the language, the block and the body', () => {
    expect(splitFrontMatter('--- YAML \r\nname: x\r\n---\r\n# Title\n')).toEqual({
      language: 'yaml',
      languageOffset: 4,
      text: '      \r\nname: x',
      offset: 3,
      bodyOffset: 25,
      closed: true,
    });
    expect(splitFrontMatter('---\nname: x')).toEqual({ language: '', languageOffset: 3, text: '\nname: x', offset: 3, bodyOffset: 11, closed: false });
    expect(splitFrontMatter('----\n')).toBeUndefined();
    expect(splitFrontMatter('text\n---\n')).toBeUndefined();
  });
});
