import { createRequire } from 'node:module';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { describe, expect, it } from 'vitest';
import { ALL_RULES } from '../src/check/rules/index.js';
import { splitFrontMatter } from '../src/parse/front-matter.js';
import { parseMarkdown } from '../src/parse/markdown.js';
import { mulberry32 } from './support/seeded-random.js';

/*
 * parseMarkdown (src/parse/markdown.ts: @lezer/markdown converted to mdast) must build exactly the
 * tree mdast-util-from-markdown builds: same nodes, fields, values and positions (line, column and
 * offset of start and end). Nothing is stripped before comparing. The documented differences
 * (listed in src/parse/markdown.ts) are pinned at the end of this file; the generated corpus does
 * not produce them.
 */

interface Mismatch {
  doc: string;
  path: string;
  ours: unknown;
  oracle: unknown;
}

/** The first place where the trees differ, positions compared after the other fields. */
function firstDifference(ours: unknown, oracle: unknown, at = ''): Omit<Mismatch, 'doc'> | undefined {
  if (isDeepStrictEqual(ours, oracle)) return undefined;
  if (typeof ours !== 'object' || typeof oracle !== 'object' || ours === null || oracle === null) {
    return { path: at, ours, oracle };
  }
  const a = ours as Record<string, unknown>;
  const b = oracle as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort((x, y) => Number(x === 'position') - Number(y === 'position'));
  for (const key of keys) {
    const child = a[key] as { type?: string } | undefined;
    const found = firstDifference(a[key], b[key], `${at}.${key}${child?.type ? `(${child.type})` : ''}`);
    if (found) return found;
  }
  return { path: at, ours, oracle };
}

function mismatch(doc: string): Mismatch | undefined {
  const found = firstDifference(parseMarkdown(doc), fromMarkdown(doc));
  return found && { doc, ...found };
}

function mismatches(docs: readonly string[]): Mismatch[] {
  return docs.flatMap((doc) => mismatch(doc) ?? []);
}

/** What parseSkillDocument hands to parseMarkdown: the front matter blanked, line endings kept. */
function bodyAsParsed(text: string): string {
  const block = splitFrontMatter(text);
  const offset = block ? block.bodyOffset : 0;
  return offset === 0 ? text : text.slice(0, offset).replace(/[^\r\n]/g, ' ') + text.slice(offset);
}

const ROOT = path.resolve(import.meta.dirname, '..');

function projectSkills(): string[] {
  const skills = path.join(ROOT, 'skills');
  return readdirSync(skills)
    .sort()
    .map((id) => path.join(skills, id, 'SKILL.md'))
    .filter((file) => existsSync(file))
    .map((file) => readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
}

function ruleExampleTexts(): string[] {
  return ALL_RULES.flatMap((rule) =>
    rule.examples.flatMap((example) => Object.values(example.files).filter((file): file is string => typeof file === 'string')),
  );
}

/** Hand-written documents for the constructs the rules read and the ones that are easy to get wrong. */
const FIXTURES: Record<string, string> = {
  'crlf line endings': '# Title\r\n\r\n## Required input\r\n\r\n- `prompt`: text\r\n- b\r\n  continued\r\n\r\n```sh\r\nrun --wait\r\n\r\n  x\r\n```\r\n',
  'lone cr line endings': '# Title\r\r- `a`, or\r  - `b`\r\rtext\rmore  \rbreak\r\r```\rcode\r```\r',
  'blanked front matter': '   \n                                   \n   \n\n# Demo\n\n## Required input\n\n- `prompt`: what\n',
  'leading blank-line region': '\n\n   \n\t\n# After blanks\n',
  'nested input groups': '## Required input\n\n- `prompt`: what should change\n- one image source:\n  - `source_artifact_id`, or\n  - `image_url`, or\n  - `reference_image_url`\n\n## Optional input\n\n- `strength`: from 0 to 1\n',
  'fence in list item, indent 2': '- item\n\n  ```sh\n  popiart run x --wait\n    indented\n  ```\n- next\n',
  'fence in list item, indent 3': '1. step\n\n   ```json\n   {\n     "a": 1\n   }\n   ```\n2. step\n',
  'fence indented inside the item': '- a\n   ```\n    one\n   two\n  ```\n',
  'tilde fences': '~~~\nplain\n~~~\n\n~~~~ python extra words\ncode\n~~~\n~~~~\n',
  'unclosed fence': '# H\n\n```js\nconst a = 1;\n\n',
  'unclosed fence in a list': '- ```\n  x\n\n- y\n',
  'fence info with entities and escapes': '```j&amp;s \\*meta\\* &copy;\nx\n```\n',
  'backtick in backtick info is no fence': '``` a ` b\nx\n```\n',
  'indented code': '    code\n      more\n\n    after blank\n\npara\n\n\tcode with tab\n',
  'backslash escapes': 'a \\* b \\_ c \\` d \\\\ e \\[ f \\a \\\n',
  'entities': '&amp; &copy; &#35; &#x22; &bogus; &#0; &#12345678; &nbsp;x&NotANamedOne;\n',
  'inline code': '`a` ``b ` c`` ` d ` `  ` ```e``` `` ` `` x `unclosed\n',
  'code span across lines': 'see `a\nb` and `c\n  d`\n\n- `in\n  item`\n\n> `in\n> quote`\n',
  'links': '[a](http://x.y "t") [b](<u v> \'t\') [c]() [d](/p(q)r) [e](/u (paren title)) <http://auto.link/x_y> <me@example.com>\n',
  'reference links': '[full][Ref] [collapsed][] [Ref] [undefined] [x][nope] ![img][ref]\n\n[ref]: /url "T"\n[collapsed]: </a b>\n',
  'brackets that are not links': '[a [b] c](/u) *a [b* c] [ ] [x]: y\n',
  'images': '![alt *em* `c`](/i.png "t") ![](x)\n',
  'emphasis': '*a* _b_ **c** __d__ ***e*** *a **b** c* snake_case_word 2*3*4 **open\n',
  'html': '<div>\n  block\n</div>\n\n<!-- comment\n\nwith blank -->\n\n<pre>\n\nx\n</pre>\n\ninline <b>bold</b> <a\n  href="x">tag</a> <!-- c -->\n',
  'headings': '# One #\n## Two ##   \n### Three ###x\n#5 not\n####### seven\n#\n#   spaced   \n\\# escaped\n',
  'setext headings': 'Setext one\n===\n\nTwo\nlines\n---\n\n- in item\n  ---\n',
  'thematic breaks': '***\n - - -\n___\n* * *\n',
  'tabs': '-\tafter marker\n\t- tab indented\n> \tquoted tab\n\ttab code\n- a\n\n\tb\n',
  'block quotes with lists': '> - a\n> - b\n>\n> 1. c\nlazy\n\n> quote\ncontinued lazily\n',
  'lazy continuation lines': '- item\ncontinued\n  more\n\n> a\nb\n> c\n',
  'empty list items': '-\n- \n-\n  after blank first line\n\n1.\n',
  'ordered list starting at 3': '3. third\n4. fourth\n\n7) paren\n\n0. zero\n\n123456789. big\n',
  'loose list': '- a\n\n- b\n- c\n\n  para in c\n',
  'tight list with nested loose list': '- a\n  - b\n\n  - c\n- d\n',
  'hard breaks': 'spaces  \nbackslash\\\ntab\t\ntrailing three   \nend  \n',
  'soft breaks and trailing spaces': 'one \ntwo\t\nthree\n   four\n',
  'unicode': '# Grüße 👋\n\n- `naïve` — “quotes” 𝒳 text\n',
  'list item interrupting a paragraph': 'para\n- item\n\npara\n1. one\n\npara\n2. two\n\n1. a\n   2. b\n\n- a\n  -\n',
  'html blocks of type 7': '<custom-tag>\ntext\n\npara\n<custom-tag>\n\n<div\n>\n',
  'definitions only': '[a]: /x\n[b]: <y> "t"\n\n[c]:\n  /z\n  \'t\'\n',
};

/** Pieces the generator combines; each is also checked on its own. */
const SNIPPETS = [
  '# Heading',
  '## Required input ##',
  '### Trailing #s ###   ',
  '#',
  'Setext one\n===',
  'Setext two\nlines\n---',
  'plain paragraph text',
  'a paragraph\nwith a lazy\n   continuation line',
  'hard  \nbreak with spaces',
  'hard\\\nbreak with backslash',
  'escapes \\* \\_ \\` \\\\ \\[ and \\a kept',
  'entities &amp; &copy; &#35; &#x22; &bogus; &#0;',
  '`code` and ``double `tick` code`` and ` spaced `',
  '`` ` ``',
  '`code across\nlines`',
  '*emph* _under_ **strong** __strong__ ***both***',
  '*nested **strong** in em*',
  '[link](http://example.com "title") and [empty]() and <http://auto.link> <me@example.com>',
  '![image](/img.png \'t\') ![alt *em*](<a b.png>)',
  '[ref] and [ref][] and [text][ref] and [undefined] and [x][nothing]',
  '[a [b] c](/u)',
  '*a [b* c]',
  '<div>\n  html block\n</div>',
  '<!-- comment -->',
  'inline <b>html</b> <a\n  href="x">tag</a>',
  '***',
  ' - - -',
  '```sh\npopiart run x --wait\n```',
  '```js meta data\nconst a = 1;\n\n  indented\n```',
  '~~~\ntilde fence\n~~~',
  '~~~~ python\ncode\n~~~',
  '```\nunclosed fence\n',
  '```\n```',
  '```\n\n```',
  '  ```\n  indented fence\n    more\n  ```',
  '- one\n- two\n- three',
  '- `prompt`: what should change',
  '- one image source:\n  - `source_artifact_id`, or\n  - `image_url`, or\n  - `reference_image_url`',
  '1. first\n2. second',
  '3. third\n4. fourth',
  '7) paren',
  '- loose\n\n- list',
  '- item\n\n  second paragraph',
  '-\n  empty first line',
  '-\n  empty first line\n\n  second block',
  '- ',
  '-',
  '- a\n  ```sh\n  code in item\n  ```',
  '-  ```\n   three spaces\n   ```',
  '1. x\n   ```\n   code\n\n   after blank\n   ```',
  '- a\n\n      indented code in item',
  '> quote',
  '> quote\nlazy',
  '> - list in quote\n> - second',
  '> ```\n> code in quote\n> ```',
  '>\n> spaced',
  '> # heading in quote',
  '- > quote in item',
  '* star\n+ plus',
  'text with\ttab',
  '- item\twith tab\n-\ttab after marker',
  'trailing spaces   ',
  'line one \nline two',
  '**bold**: `code`, plain.',
  'snake_case_word and 2*3*4',
  '\\# not a heading',
  '1\\. not a list',
  '<http://x.y/a_b>',
  '<span>text</span>',
  '  paragraph indented two',
  'Grüße 👋 `naïve` 𝒳',
  '[a](<b)c>) [a](b(c)d) [a](b\\(c) [a](b "t" ) [a]( b ) [a](b c) [a](b\\)c) [a](#frag) [a](<>)',
  "[a](b 't\nt') [a](\n b\n) [a](b (t)) [a](b (t(x))) [a](b \"t\"x) [a](((((deep)))))",
  '[A  B][] [a b] [text][A B] ![A B] ![x][a b]',
  '_a_b *a*b a**b**c __a__b *(a)* _"a"_ **a*b** a*"b"*',
  '<http://a b> <a@b> <mailto:a@b.c> <HTTP://X.Y> <a+b:c>',
  '<a href="x"/> </a > <!----> <?x?> <!DOCTYPE x> <![CDATA[x]]> <a b=\'c\'>',
  '`` a `` ` ` `  ` `\na\n` ``\n`\n``',
  '&#X22; &#xD800; &#1114112; &#9; &Aacute &ThisIsNotOne;',
  'end with backslash\\',
  '*a  \nb* **c\\\nd**',
  '# heading with break  ',
  'para\n***',
  'para\n---',
  '<script>\nx\n\ny\n</script>',
  '<?php\necho 1;\n?>',
  '<!DOCTYPE html>',
  '<![CDATA[\nx\n]]>',
  'para\n<div>',
  '```\n  ```  \n```',
  '```` ``` ````',
  '~~~ a ` b\nx\n~~~',
  '* * *\n- - x',
  '1) a\n2. b\n3) c',
  '- a\n -  b\n  - c\n   - d\n    - e',
  '>     code in quote\n> more',
  '> > nested\n> back\nlazy',
];

/** Indented code directly after a list or block quote is a documented difference (see below). */
const INDENTED_CODE = ['    indented code\n\n      more\n    last', '\tcode with tab', '    ```\n    not a fence'];
const DEFINITION = '[ref]: /url "Ref Title"';

/**
 * Random documents from the snippets: some wrapped in block quotes and list items (nested up to
 * three deep), joined by one to three line endings, in LF, CRLF or CR, sometimes after a blank
 * region like blanked front matter. Indented code only starts a document or follows a paragraph,
 * and link reference definitions come last after a blank line: the two documented differences.
 */
function generateDocuments(seed: number, count: number): string[] {
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const wrap = (snippet: string, depth: number): { text: string; container: boolean } => {
    const roll = random();
    if (depth > 2 || roll < 0.55) return { text: snippet, container: depth > 0 };
    const lines = snippet.split('\n');
    if (roll < 0.7) {
      const quote = pick(['> ', '> ', '>', '  > ']);
      return wrap(lines.map((line) => (line === '' && random() < 0.5 ? '>' : quote + line)).join('\n'), depth + 1);
    }
    const marker = pick(['- ', '* ', '1. ', '3) ', '-   ', '10. ', ' - ', '  1. ', '-\t']);
    const pad = marker === '-\t' ? '    ' : ' '.repeat(marker.length);
    return wrap(lines.map((line, i) => (i === 0 ? marker + line : line === '' ? '' : pad + line)).join('\n'), depth + 1);
  };
  const docs: string[] = [];
  for (let i = 0; i < count; i++) {
    let doc = '';
    let previousIsContainer = false;
    const parts = 1 + Math.floor(random() * 6);
    for (let j = 0; j < parts; j++) {
      const separator = j === 0 ? '' : pick(['\n', '\n\n', '\n\n', '\n\n\n']);
      if (!previousIsContainer && random() < 0.08) {
        doc += (j === 0 ? '' : '\n\n') + pick(INDENTED_CODE);
        previousIsContainer = false;
        continue;
      }
      const snippet = pick(SNIPPETS);
      const { text, container } = wrap(snippet, 0);
      doc += separator + text;
      // After a single line ending a paragraph may continue lazily inside the container before.
      const startsContainer = container || /^\s*(?:[-*+>]|\d+[.)])/.test(snippet);
      previousIsContainer = startsContainer || (separator === '\n' && previousIsContainer);
    }
    if (random() < 0.15) doc += `\n\n${DEFINITION}`;
    if (random() < 0.3) doc += '\n';
    const endings = random();
    if (endings < 0.1) doc = doc.replace(/\n/g, '\r\n');
    else if (endings < 0.15) doc = doc.replace(/\n/g, '\r');
    if (random() < 0.1) doc = `${'\n'.repeat(1 + Math.floor(random() * 3))}   \n${doc}`;
    docs.push(doc);
  }
  return docs;
}

/**
 * Documented difference 2 (indented code right after a list or block quote), as the oracle's tree
 * shows it. Wrapping snippets in containers produces it now and then; such documents are left out.
 */
function hasIndentedCodeAfterContainer(doc: string): boolean {
  const visit = (node: { type: string; children?: unknown[] }): boolean => {
    const children = (node.children ?? []) as { type: string; position?: Root['position']; children?: unknown[] }[];
    return children.some((child, i) => {
      const before = children[i - 1];
      const indented = child.type === 'code' && /[ \t]/.test(doc.charAt(child.position?.start.offset ?? 0));
      return (indented && (before?.type === 'list' || before?.type === 'blockquote')) || visit(child);
    });
  };
  return visit(fromMarkdown(doc));
}

describe('parseMarkdown builds the tree mdast-util-from-markdown builds', () => {
  it('for every SKILL.md in skills/ (as written and as parseSkillDocument parses its body)', () => {
    const skills = projectSkills();
    expect(skills.length).toBeGreaterThan(0);
    expect(mismatches(skills.flatMap((text) => [text, bodyAsParsed(text)]))).toEqual([]);
  });

  it('for every SKILL.md text in the rule examples', () => {
    const texts = ruleExampleTexts();
    expect(texts.length).toBeGreaterThan(0);
    expect(mismatches(texts.flatMap((text) => [text, bodyAsParsed(text)]))).toEqual([]);
  });

  for (const [name, doc] of Object.entries(FIXTURES)) {
    it(`for ${name}`, () => {
      expect(mismatch(doc)).toBeUndefined();
      expect(mismatch(doc.replace(/\r?\n|\r/g, '\r\n'))).toBeUndefined();
    });
  }

  it('for every snippet on its own, and after a paragraph', () => {
    const docs = [...SNIPPETS, ...INDENTED_CODE, DEFINITION].flatMap((snippet) => [snippet, `para\n${snippet}`, `para\n\n${snippet}\n`]);
    expect(mismatches(docs)).toEqual([]);
  });

  // For a longer run: MARKDOWN_PARITY_DOCS=20000 MARKDOWN_PARITY_SEED=7 npx vitest run test/markdown-parity.test.ts
  const generated = Number(process.env.MARKDOWN_PARITY_DOCS ?? 600);
  const seed = Number(process.env.MARKDOWN_PARITY_SEED ?? 1);
  it(`for ${generated} generated documents`, () => {
    const docs = [...generateDocuments(seed, Math.ceil(generated / 2)), ...generateDocuments(seed + 20259, Math.floor(generated / 2))];
    const compared = docs.filter((doc) => !hasIndentedCodeAfterContainer(doc));
    expect(compared.length).toBeGreaterThan(docs.length * 0.9);
    expect(mismatches(compared)).toEqual([]);
  }, Math.max(20_000, generated * 10));

  it('for the empty document and white space only', () => {
    expect(mismatches(['', '\n', '   ', '\r\n\r\n', '\t\n  \n'])).toEqual([]);
  });

  it('for a byte order mark, NUL and other unusual characters', () => {
    expect(mismatches(['\uFEFF# a\nb', '\uFEFF\uFEFFx', 'x\uFEFFy', 'a\u0000b `c\u0000` &#0;', '\u2028x', 'x\fy', '# a\u00a0\n'])).toEqual([]);
  });

  it('for every pair of characters an inline construct may or may not start at, between plain text', () => {
    // The parser skips runs of plain text (plainText in src/parse/markdown/parser-config.ts). Every
    // line starts with a letter: this is about inline content, not about which block a line starts.
    const characters = ['\\', '&', '`', '<', '*', '_', '[', ']', '!', ' ', '  ', '   ', '\t', '\n', 'a', '(', ')', '>', ':', '#', 'amp;', 'x@y.z>', 'http://a>'];
    const docs: string[] = [];
    for (const first of characters) {
      for (const second of characters) docs.push(`a${first}${second}b ${first}c${second}`, `a${first}${second}x\na${second}y${first}\nz`);
    }
    expect(docs.length).toBe(2 * characters.length ** 2);
    expect(mismatches(docs)).toEqual([]);
  });
});

/** The tree's nodes as `type line:column-line:column`, depth-first. */
function outline(tree: Root): string[] {
  const lines: string[] = [];
  const visit = (node: { type: string; position?: Root['position']; children?: unknown[] }, depth: number) => {
    const { start, end } = node.position as NonNullable<Root['position']>;
    lines.push(`${'  '.repeat(depth)}${node.type} ${start.line}:${start.column}-${end.line}:${end.column}`);
    for (const child of node.children ?? []) visit(child as typeof node, depth + 1);
  };
  visit(tree, 0);
  return lines;
}

/** The CommonMark spec's examples (commonmark-spec, tabs written as `→` there), wrapped four ways. */
const SPEC_EXAMPLES = (createRequire(import.meta.url)('commonmark-spec') as { tests: Array<{ markdown: string; number: number }> }).tests;
const WRAPS: Record<string, (markdown: string) => string> = {
  plain: (markdown) => markdown,
  'in a block quote': (markdown) => markdown.split('\n').map((line, i, all) => (i === all.length - 1 && line === '' ? '' : `> ${line}`)).join('\n'),
  'in a list item': (markdown) =>
    markdown.split('\n').map((line, i, all) => (i === all.length - 1 && line === '' ? '' : i === 0 ? `- ${line}` : line === '' ? '' : `  ${line}`)).join('\n'),
  'with CRLF line endings': (markdown) => markdown.replace(/\n/g, '\r\n'),
};
/**
 * The spec examples where the trees still differ, each with its reason:
 * - #117: indented code followed by indented blank lines ends, for micromark, after those blank
 *   lines; here at the end of its last line with content (same value, other end position);
 * - #133 in a list item: a fence indented 3 columns inside an item, with content lines indented
 *   less than the fence, is read with a different lazy continuation after it;
 * - #541: a link label over two lines keeps, for micromark, the next line's indentation in `label`
 *   (`Foo\n  bar`); here the container prefix and indentation are dropped (`Foo\nbar`).
 */
const SPEC_DIFFERENCES: Record<string, number[]> = {
  plain: [117, 541],
  'in a block quote': [117, 541],
  'in a list item': [133, 541],
  'with CRLF line endings': [117, 541],
};

describe('the CommonMark spec examples', () => {
  for (const [name, wrap] of Object.entries(WRAPS)) {
    it(`give the tree mdast-util-from-markdown gives, ${name}, but for the pinned differences`, () => {
      const differing = SPEC_EXAMPLES.filter((example) => mismatch(wrap(example.markdown.replace(/→/g, '\t'))) !== undefined).map((example) => example.number);
      expect(SPEC_EXAMPLES.length).toBe(652);
      expect(differing).toEqual(SPEC_DIFFERENCES[name]);
    });
  }
});

describe('documented differences from mdast-util-from-markdown', () => {
  // 1. Lezer ends the paragraph a link reference definition starts with the definition, so a
  //    following line that CommonMark reads as a continuation of that paragraph (a lazy line, or a
  //    line indented 4+ columns) starts a new block instead; and it reads no title that starts on
  //    the line after the destination and spans lines.
  it('a lazy line after a definition in a block quote leaves the block quote', () => {
    const doc = '> [ref]: /url\nlazy\n';
    expect(outline(fromMarkdown(doc))).toEqual(['root 1:1-3:1', '  blockquote 1:1-2:5', '    definition 1:3-1:14', '    paragraph 2:1-2:5', '      text 2:1-2:5']);
    expect(outline(parseMarkdown(doc))).toEqual(['root 1:1-3:1', '  blockquote 1:1-1:14', '    definition 1:3-1:14', '  paragraph 2:1-2:5', '    text 2:1-2:5']);
  });

  it('an indented line after a definition is indented code', () => {
    const doc = '[ref]: /url\n    text\n';
    expect(outline(fromMarkdown(doc))).toEqual(['root 1:1-3:1', '  definition 1:1-1:12', '  paragraph 2:5-2:9', '    text 2:5-2:9']);
    expect(outline(parseMarkdown(doc))).toEqual(['root 1:1-3:1', '  definition 1:1-1:12', '  code 2:1-2:9']);
  });

  it('a definition title that starts on the next line and spans lines is not read', () => {
    const doc = '[a]: /u\n"t\n  u"\n';
    expect(fromMarkdown(doc).children.map((node) => node.type)).toEqual(['definition']);
    expect(parseMarkdown(doc).children.map((node) => node.type)).toEqual(['definition', 'paragraph']);
  });

  // 2. micromark keeps a closed list item or block quote in its container state while indented
  //    code follows it: every line of that code becomes a code block of its own, and the next
  //    line may start any list item. parseMarkdown reads one code block, as CommonMark does.
  it('indented code right after a block quote is one code block', () => {
    const doc = '> # quote\n    one\n    two\n';
    expect(outline(fromMarkdown(doc))).toEqual(['root 1:1-4:1', '  blockquote 1:1-1:10', '    heading 1:3-1:10', '      text 1:5-1:10', '  code 2:1-2:8', '  code 3:1-3:8']);
    expect(outline(parseMarkdown(doc))).toEqual(['root 1:1-4:1', '  blockquote 1:1-1:10', '    heading 1:3-1:10', '      text 1:5-1:10', '  code 2:1-3:8']);
  });

  it('indented code right after a list keeps micromark from reading a list item after it', () => {
    const doc = '- \n\n    code\n3) b\n';
    expect(outline(fromMarkdown(doc))).toEqual(['root 1:1-5:1', '  list 1:1-1:3', '    listItem 1:1-1:3', '  code 3:1-3:9', '  list 4:1-4:5', '    listItem 4:1-4:5', '      paragraph 4:4-4:5', '        text 4:4-4:5']);
    expect(outline(parseMarkdown(doc))).toEqual(['root 1:1-5:1', '  list 1:1-1:3', '    listItem 1:1-1:3', '  code 3:1-3:9', '  paragraph 4:1-4:5', '    text 4:1-4:5']);
  });
});

describe('documented differences from mdast-util-from-markdown, continued', () => {
  // 4. On a lazy line micromark lets an HTML block of type 7 (a tag alone on its line, which
  //    cannot interrupt a paragraph) start, inside the container; parseMarkdown continues the
  //    paragraph, as CommonMark does.
  it('a tag alone on a lazy line continues the paragraph', () => {
    const doc = '> para\n<custom-tag>\n';
    expect(outline(fromMarkdown(doc))).toEqual(['root 1:1-3:1', '  blockquote 1:1-2:13', '    paragraph 1:3-1:7', '      text 1:3-1:7', '    html 2:1-2:13']);
    expect(outline(parseMarkdown(doc))).toEqual(['root 1:1-3:1', '  blockquote 1:1-2:13', '    paragraph 1:3-2:13', '      text 1:3-2:1', '      html 2:1-2:13']);
  });
});

describe('hostile documents', () => {
  /** How many block quotes hold each other from the root down. */
  function quoteDepth(tree: Root): number {
    let depth = 0;
    let node: { type: string; children?: unknown[] } | undefined = tree.children[0];
    while (node?.type === 'blockquote') {
      depth++;
      node = node.children?.[0] as typeof node;
    }
    return depth;
  }

  // 3. Containers and inline nodes nested deeper than 256 become plain text (MAX_NESTING in
  //    src/parse/markdown/context.ts), so that no recursive reader of the tree runs out of stack.
  it('keeps block quotes nested deeper than 256 as plain text', () => {
    const tree = parseMarkdown(`${'>'.repeat(5000)} deep\n`);
    expect(quoteDepth(tree)).toBe(256);
    expect(quoteDepth(fromMarkdown(`${'>'.repeat(300)} deep\n`))).toBe(300);
  });

  it('keeps lists and images nested deeper than 256 as plain text', () => {
    expect(() => parseMarkdown('- '.repeat(5000) + 'a')).not.toThrow();
    expect(() => parseMarkdown(`${'![a '.repeat(5000)}${'](u)'.repeat(5000)}`)).not.toThrow();
    expect(mismatch(`${'- '.repeat(200)}a\n${'> '.repeat(200)}b\n`)).toBeUndefined();
  });

  it('reads long runs of brackets and link openers in linear time', () => {
    const brackets = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    expect(parseMarkdown(brackets).children).toHaveLength(1);
    const openers = '[a]('.repeat(100_000);
    expect(parseMarkdown(openers).children).toHaveLength(1);
  });
});
