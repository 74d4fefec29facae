import { describe, expect, it } from 'vitest';
import { documentShellBudget, MAX_SCRIPT_LENGTH, parseShellScript, type ShellParse, type ShellReadings } from '../src/check/commands/shell-words.js';
import type { EmbeddedText } from '../src/check/payload/embedded-text.js';

/** How tree-sitter-bash's reading is turned into bash's: words, offsets and syntax errors. */

function plain(text: string): EmbeddedText {
  return { text, toFile: (index) => index };
}

/** Each command as `start:value` words, `*` marking an opaque value. */
function words(script: string): string[][] {
  const parsed = parseShellScript(plain(script));
  if (parsed.ok !== true) throw new Error(`did not parse: ${JSON.stringify(parsed)}`);
  return parsed.commands.map((command) => command.words.map((word) => `${word.start}:${word.value}${word.opaque ? '*' : ''}`));
}

function problem(script: string): ShellParse {
  return parseShellScript(plain(script));
}

const ENDS_TOO_EARLY = 'the command ends too early (a `|`, `&&` or `(` without what follows)';

describe('words as bash splits them', () => {
  it('makes a word of a blank after `\\` (a continuation with a space after it ends the command there)', () => {
    expect(words('popiart run x -i @p.json \\ \n  --wait')).toEqual([['0:popiart', '8:run', '12:x', '14:-i', '17:@p.json', '25: '], ['30:--wait']]);
  });

  it('gives the words after a redirection target to the command', () => {
    expect(words('popiart jobs list > out.txt --status done')).toEqual([['0:popiart', '8:jobs', '13:list', '28:--status', '37:done']]);
  });

  it('skips here-document bodies, also with <<- and a tab-indented terminator', () => {
    expect(words("cat <<-'END'\n\tpopiart jobz\n\tEND\npopiart jobs list")).toEqual([['0:cat'], ['32:popiart', '40:jobs', '45:list']]);
  });

  it('keeps a process substitution opaque and finds the command inside it', () => {
    expect(words("popiart run x --input <(echo '{}')")).toEqual([['0:popiart', '8:run', '12:x', '14:--input', '22:<(echo {})*'], ['24:echo', '29:{}']]);
  });

  it('reads $"..." as one word', () => {
    expect(words('echo $"hello" done')).toEqual([['0:echo', '5:$hello*', '14:done']]);
  });

  it('counts offsets in UTF-16 units, as the rest of the project does', () => {
    expect(words('echo \u{1F600} && popiart jobs list')).toEqual([['0:echo', '5:\u{1F600}'], ['11:popiart', '19:jobs', '24:list']]);
  });

  it('reads a `\\` that ends the script as nothing', () => {
    expect(words('popiart jobs list \\')).toEqual([['0:popiart', '8:jobs', '13:list']]);
  });

  it('reads (( )) as arithmetic, and as nested subshells where it is not arithmetic', () => {
    expect(words('((i++))\n((popiart jobs list) )')).toEqual([['10:popiart', '18:jobs', '23:list']]);
    expect(words('for ((i=0; i<3; i++)); do popiart jobs list; done')).toEqual([['26:popiart', '34:jobs', '39:list']]);
  });
});

describe('syntax errors bash reports', () => {
  it('a ;; outside case and a closing word with nothing to close, on their line', () => {
    expect(problem('popiart jobs list;;')).toEqual({ ok: false, start: 0, end: 19, message: 'unexpected `;;` on this line' });
    expect(problem('popiart jobs list\nfi')).toEqual({ ok: false, start: 18, end: 20, message: 'unexpected `fi` on this line' });
  });

  it('an unclosed quote where it opens, wherever the parser gave up', () => {
    expect(problem('popiart jobs list` | cat')).toEqual({ ok: false, start: 17, end: 18, message: 'the quote ` opened here is never closed' });
    expect(problem('echo "$(cat `p.json)" --wait')).toEqual({ ok: false, start: 12, end: 13, message: 'the quote ` opened here is never closed' });
    expect(problem('echo "a\npopiart jobs list\necho b')).toEqual({ ok: false, start: 5, end: 6, message: 'the quote " opened here is never closed' });
    expect(problem("echo ok\necho $'a")).toEqual({ ok: false, start: 13, end: 15, message: "the quote $' opened here is never closed" });
  });

  it('a construct or redirection left open at the end', () => {
    expect(problem('if true; then\n  popiart jobs list\n')).toEqual({ ok: false, start: 32, end: 33, message: ENDS_TOO_EARLY });
    expect(problem('popiart run x -i @p.json > ')).toEqual({ ok: false, start: 25, end: 26, message: ENDS_TOO_EARLY });
  });

  it('reports a block longer than the limit at its first character instead of parsing it', () => {
    expect(problem(` ${'x'.repeat(MAX_SCRIPT_LENGTH)}`)).toEqual({
      ok: false,
      start: 1,
      end: 2,
      message: `a shell example longer than ${MAX_SCRIPT_LENGTH} characters is not read; split it, and put long payloads in files`,
    });
  });
});

describe('a script text read once for every place it stands', () => {
  it('maps the words of the same text to each place in the file, and no reader changes what the next one gets', () => {
    const text = `popiart run x --input '{"a":1}' --wait`;
    const readings: ShellReadings = new Map();
    const first = parseShellScript({ text, toFile: (index) => 100 + index }, documentShellBudget(readings));
    expect([...readings.keys()]).toEqual([text]);
    const second = parseShellScript({ text, toFile: (index) => 500 + index }, documentShellBudget(readings));
    if (first.ok !== true || second.ok !== true) throw new Error('did not parse');
    const input = (parsed: typeof first) => parsed.commands[0]?.words[4];
    expect(input(first)?.raw).toBe(`'{"a":1}'`);
    expect(input(first)?.value).toBe('{"a":1}');
    // The value's `1` is the word's character 6 (after `'{"a":`), at 22 + 6 in the script.
    expect(input(first)?.valueText.toFile(5)).toBe(100 + 28);
    expect(input(second)?.valueText.toFile(5)).toBe(500 + 28);
    expect(input(second)?.rawText.toFile(0)).toBe(500 + 22);
    first.commands[0]?.words.splice(0, 5);
    const third = parseShellScript({ text, toFile: (index) => index }, documentShellBudget(readings));
    if (third.ok !== true) throw new Error('did not parse');
    expect(third.commands[0]?.words.map((word) => word.value)).toEqual(['popiart', 'run', 'x', '--input', '{"a":1}', '--wait']);
  });

  it('reports the same problem wherever the text stands', () => {
    const readings: ShellReadings = new Map();
    const once = parseShellScript(plain('popiart run x |'), documentShellBudget(readings));
    const again = parseShellScript(plain('popiart run x |'), documentShellBudget(readings));
    expect(readings.size).toBe(1);
    expect(again).toEqual(once);
    expect(again).toEqual({ ok: false, start: 14, end: 15, message: ENDS_TOO_EARLY });
  });
});
