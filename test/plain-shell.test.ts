import { describe, expect, it } from 'vitest';
import { plainShellCommands } from '../src/check/commands/plain-shell.js';
import { maskForParser } from '../src/check/commands/shell-reading.js';
import { parseShellScript, parseShellScriptWithGrammar } from '../src/check/commands/shell-words.js';
import type { EmbeddedText } from '../src/check/payload/embedded-text.js';
import { mulberry32 as random } from './support/seeded-random.js';

/** Plain shell is read without the grammar; wherever it answers, it must answer exactly as the grammar does. */

function embedded(text: string): EmbeddedText {
  return { text, toFile: (index) => index };
}

/** Both readings of a script, with the words' EmbeddedText replaced by what they map to (functions are not comparable). */
function comparable(script: string, withGrammar: boolean) {
  const parsed = withGrammar ? parseShellScriptWithGrammar(embedded(script)) : parseShellScript(embedded(script));
  if (parsed.ok !== true) return parsed;
  return parsed.commands.map((command) =>
    command.words.map(({ rawText, valueText, ...word }) => ({
      ...word,
      raw: [rawText.text, Array.from({ length: rawText.text.length + 1 }, (_, k) => rawText.toFile(k))],
      value: [valueText.text, Array.from({ length: valueText.text.length + 1 }, (_, k) => valueText.toFile(k))],
    })),
  );
}

/** Pieces of plain and almost-plain shell, so that the generated scripts sit on both sides of the line. */
const PIECES = [
  'popiart', 'run', 'jobs', 'wait', 'x', 'popiskill-image-v1', '--input', '--wait', '-i', '@params.json', '@-', './a.png', 'a=b',
  '--size=1:1', '1024x1024', '<artifact-id>', '<job_id>', '%s', 'a,b', '+x', '2', '2to3', 'done', 'if', 'then', 'fi', 'in', 'export',
  `'{"prompt":"a cat","n":1}'`, `'multi\nline'`, `'it''s'`, `''`, `"a b"`, `"{\\"a\\":1}"`, `"$HOME"`, `"x\ny"`, `""`, `'é ü 😀'`, '"é"',
  `--input='{"a":1}'`, `a"b"c`, `'a'b`, '|', '||', '&&', ';', '&', '|&', ';;', '>', '2>&1', '<', '<<', '(', ')', '{', '}', '[', ']', '!',
  '*', '?', '~', '$x', '$(date)', '`date`', '\\', '\\\n', ' \\\n', '\n', '\n\n', '  ', '\t', '#', '# a comment', '#x', 'a#b', '\r', "'",
  '"', '=x', '-', '--', '^', 'é', '$\'x\'', 'test', '[[', '.', '..', 'wait@x', 'run%x', 'x:y', 'a+b', 'done-x', 'fi.x', 'exit', 'echo',
];

function generated(next: () => number): string {
  const count = 1 + Math.floor(next() * 9);
  let script = '';
  for (let k = 0; k < count; k++) {
    const piece = PIECES[Math.floor(next() * PIECES.length)] as string;
    script += piece + (next() < 0.8 ? ' ' : next() < 0.5 ? '\n' : '');
  }
  return next() < 0.5 ? script.trimEnd() : script;
}

describe('plain shell read without the grammar', () => {
  it('answers exactly as the grammar on every generated script it reads, and reads most plain ones', () => {
    const next = random(13);
    let read = 0;
    for (let k = 0; k < 20000; k++) {
      const script = generated(next);
      if (!plainShellCommands(maskForParser(script))) continue;
      read++;
      expect({ script, parse: comparable(script, false) }).toEqual({ script, parse: comparable(script, true) });
    }
    // The generator's pieces are mostly not plain: this says the comparison covered a good share.
    expect(read).toBeGreaterThan(1000);
  });

  it.each([
    ['popiart run popiskill-image-img2img-basic-v1 --input @params.json --wait'],
    [`popiart run x --input '{"prompt":"repaint it","strength":0.6}' --wait`],
    ['popiart artifacts pull <artifact-id>'],
    ['# first upload\npopiart artifacts upload ./source.png --role source\n\npopiart run x \\\n  --input @p.json \\\n  --wait\n'],
    ['popiart jobs list | head -5 && popiart jobs wait j1 ; popiart jobs list || true'],
    [`popiart run x --input "plain text" --size=1024x1024`],
    [''],
    ['# only a comment'],
  ])('reads %j as the grammar does', (script) => {
    expect(plainShellCommands(maskForParser(script))).toBeDefined();
    expect(comparable(script, false)).toEqual(comparable(script, true));
  });

  it('gives the word spans of each command', () => {
    expect(plainShellCommands(`popiart run x --input '{"a": 1}' | jq .x\n# c\nls`)).toEqual([
      [[0, 7], [8, 11], [12, 13], [14, 21], [22, 32]],
      [[35, 37], [38, 40]],
      [[45, 47]],
    ]);
  });

  it.each([
    ['a=b popiart run x'],
    ['popiart run x > out.json'],
    ['popiart run x --input "$PAYLOAD"'],
    ["popiart run x --input 'unclosed"],
    ['popiart run x |'],
    ['| popiart run x'],
    ['popiart run x &'],
    ['if popiart run x; then echo ok; fi'],
    ['popiart run x --input @p.json\\'],
    ['popiart run x \\ --wait'],
    ['popiart run *.png'],
    ['popiart run x#y'],
    ["$'x' run"],
    ['popiart run x\r\n'],
    ['wait@params.json'],
    ['run%x --wait'],
  ])('leaves %j to the grammar', (script) => {
    expect(plainShellCommands(maskForParser(script))).toBeUndefined();
  });
});
