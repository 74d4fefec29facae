import { describe, expect, it } from 'vitest';
import { splitFrontMatter } from '../src/parse/front-matter.js';

/** gray-matter is given the file only up to the line break after its closing `---`; the split must not move. */
describe('splitFrontMatter', () => {
  it.each([
    ['LF', '---\nname: x\n---\n# T\n', { text: '\nname: x', bodyOffset: 16, closed: true }],
    ['CRLF', '---\r\nname: x\r\n---\r\n# T\r\n', { text: '\r\nname: x', bodyOffset: 19, closed: true }],
    ['a lone CR, read as LF', '---\rname: x\r---\r# T\r', { text: '\nname: x', bodyOffset: 16, closed: true }],
    ['a closing line with more after `---`', '---\nname: x\n----x\n# T\n', { text: '\nname: x', bodyOffset: 15, closed: true }],
    ['a closing `---` that ends the file', '---\nname: x\n---', { text: '\nname: x', bodyOffset: 15, closed: true }],
    ['a closing `---` and a lone LF', '---\nname: x\n---\n', { text: '\nname: x', bodyOffset: 16, closed: true }],
    ['a second block in the body', '---\na: 1\n---\nb\n---\nc: 2\n---\n', { text: '\na: 1', bodyOffset: 13, closed: true }],
    ['no closing line', '---\nname: x\n# T\n', { text: '\nname: x\n# T\n', bodyOffset: 16, closed: false }],
    ['a language name', '--- yaml \nname: x\n---\n# T\n', { text: '      \nname: x', bodyOffset: 22, closed: true, language: 'yaml', languageOffset: 4 }],
  ])('splits %s where gray-matter does', (_, text, expected) => {
    const block = splitFrontMatter(text);
    expect(block).toMatchObject({ offset: 3, language: '', ...expected });
    expect(text.slice(block?.bodyOffset)).toBe(text.slice(expected.bodyOffset));
  });

  it.each([['----\na: 1\n---\n'], ['# T\n'], ['--\n']])('finds no front matter in %j', (text) => {
    expect(splitFrontMatter(text)).toBeUndefined();
  });
});
