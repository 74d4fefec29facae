/**
 * The words of plain shell, read without tree-sitter-bash: loading the grammar costs more CPU than
 * the rest of a one-skill run (bash-grammar.ts), while nearly every example in a skill is a few
 * simple commands such as `popiart run <id> --input '{"prompt":"..."}' --wait`.
 *
 * Plain shell here is: simple commands of words made of letters, digits, `_ - . / : @ , + % =`
 * (and `<name>` placeholders, which the parser is shown as `_name_`; a command's name only letters,
 * digits and `_ . / -`), single-quoted text, and
 * double-quoted text without `$`, backquote or `\`; commands separated by line breaks or by `|`,
 * `||`, `&&` and `;` standing between two words; a `\` line continuation after a blank; `#`
 * comments. Anything else (a keyword, an assignment, a redirection, an expansion, a glob, an
 * unclosed quote, an operator out of place, ...) is not plain: the answer is undefined and the
 * grammar reads the script. On plain shell the answer is exactly the grammar's (the commands' word
 * spans in order); test/plain-shell.test.ts holds the two to each other.
 */

/** `[start, end)` of each word of each command, in order; undefined when the script is not plain. */
export type PlainCommands = Array<Array<[number, number]>>;

/** Longer scripts go to the grammar, which also reports a command longer than MAX_COMMAND_LENGTH. */
const MAX_PLAIN_LENGTH = 4096;

/** Words that start or end a compound command, or that the grammar reads as another kind of statement. */
const NOT_PLAIN_WORDS = new Set([
  'if', 'then', 'else', 'elif', 'fi', 'for', 'in', 'do', 'done', 'while', 'until', 'case', 'esac', 'function', 'select',
  'time', 'coproc', 'declare', 'typeset', 'export', 'readonly', 'local', 'unset', 'unsetenv', 'test',
]);

const enum Char {
  Tab = 9,
  Newline = 10,
  Space = 32,
  DoubleQuote = 34,
  Hash = 35,
  Dollar = 36,
  Ampersand = 38,
  SingleQuote = 39,
  Semicolon = 59,
  Backslash = 92,
  Backquote = 96,
  Pipe = 124,
}

/** Letters, digits and `_ - . / : @ , + % =`. */
function isWordChar(code: number): boolean {
  return (
    (code >= 97 && code <= 122) ||
    (code >= 65 && code <= 90) ||
    (code >= 48 && code <= 57) ||
    code === 95 || // _
    code === 45 || // -
    code === 46 || // .
    code === 47 || // /
    code === 58 || // :
    code === 64 || // @
    code === 44 || // ,
    code === 43 || // +
    code === 37 || // %
    code === 61 // =
  );
}

/**
 * The commands of `text` (the script as the parser is shown it, see maskForParser) when it is plain
 * shell, else undefined.
 */
export function plainShellCommands(text: string): PlainCommands | undefined {
  if (text.length > MAX_PLAIN_LENGTH) return undefined;
  const commands: PlainCommands = [];
  let command: Array<[number, number]> | undefined;
  /** An operator was read: a word must follow on the same line (or after a continuation). */
  let pendingOperator = false;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const code = text.charCodeAt(i);
    if (code === Char.Space || code === Char.Tab) {
      i++;
      continue;
    }
    if (code === Char.Newline) {
      if (pendingOperator) return undefined;
      command = undefined;
      i++;
      continue;
    }
    if (code === Char.Backslash) {
      // A line continuation: after a blank, right before the line break, inside a command.
      const before = text.charCodeAt(i - 1);
      if (command === undefined || text.charCodeAt(i + 1) !== Char.Newline || (before !== Char.Space && before !== Char.Tab)) return undefined;
      i += 2;
      continue;
    }
    if (code === Char.Hash) {
      if (pendingOperator) return undefined;
      const end = text.indexOf('\n', i);
      i = end < 0 ? n : end;
      continue;
    }
    if (code === Char.Pipe || code === Char.Ampersand || code === Char.Semicolon) {
      const length = operatorLength(text, i);
      if (length === 0 || command === undefined || pendingOperator) return undefined;
      const after = text.charCodeAt(i + length);
      if (after !== Char.Space && after !== Char.Tab) return undefined;
      pendingOperator = true;
      command = undefined;
      i += length;
      continue;
    }
    const end = wordEnd(text, i);
    if (end === undefined) return undefined;
    const word = text.slice(i, end);
    if (NOT_PLAIN_WORDS.has(word)) return undefined;
    const after = text.charCodeAt(end);
    if (end < n && after !== Char.Space && after !== Char.Tab && after !== Char.Newline) return undefined;
    if (command === undefined) {
      // The first word names the command: letters, digits and `_ . / -` only (the grammar refuses
      // `x@y` or `run%x` as a name, and reads `a=b` as an assignment), not option-looking, not quoted.
      if (!/^[A-Za-z0-9_./][A-Za-z0-9_./-]*$/.test(word)) return undefined;
      command = [];
      commands.push(command);
    }
    command.push([i, end]);
    pendingOperator = false;
    i = end;
  }
  return pendingOperator ? undefined : commands;
}

/** `|`, `||`, `&&` or `;` at `at`: its length, or 0 for anything else (`&`, `|&`, `;;`, `|||`, ...). */
function operatorLength(text: string, at: number): number {
  const code = text.charCodeAt(at);
  const next = text.charCodeAt(at + 1);
  if (code === Char.Pipe) return next === Char.Pipe ? 2 : next === Char.Ampersand ? 0 : 1;
  if (code === Char.Ampersand) return next === Char.Ampersand ? 2 : 0;
  return next === Char.Semicolon || next === Char.Ampersand ? 0 : 1;
}

/** Where the word starting at `start` ends, or undefined when it holds anything not plain. */
function wordEnd(text: string, start: number): number | undefined {
  let i = start;
  const n = text.length;
  while (i < n) {
    const code = text.charCodeAt(i);
    if (isWordChar(code)) {
      i++;
    } else if (code === Char.SingleQuote) {
      const close = text.indexOf("'", i + 1);
      if (close < 0) return undefined;
      i = close + 1;
    } else if (code === Char.DoubleQuote) {
      let k = i + 1;
      for (; k < n; k++) {
        const inside = text.charCodeAt(k);
        if (inside === Char.DoubleQuote) break;
        if (inside === Char.Dollar || inside === Char.Backquote || inside === Char.Backslash) return undefined;
      }
      if (k >= n) return undefined;
      i = k + 1;
    } else {
      break;
    }
  }
  return i === start ? undefined : i;
}
