import parseBash, { type BashNode } from '@ericcornelissen/bash-parser';
import { mappedText, sliceText, type EmbeddedText } from '../payload/embedded-text.js';
import { dequoteWord } from './dequote.js';

/** One word of a simple command, as written and after quote removal. */
export interface ShellWord {
  /** `[start, end)` in the script text. */
  start: number;
  end: number;
  raw: string;
  value: string;
  /** Holds `$VAR`, `$(...)` or a backquote: the value is only known when the script runs. */
  opaque: boolean;
  /** The word as written, with the way back to the file. */
  rawText: EmbeddedText;
  /** The value with the way back to the file, for JSON written inside the word. */
  valueText: EmbeddedText;
}

/** A simple command: its name and arguments (redirections and assignments left out). */
export interface ShellCommand {
  words: ShellWord[];
}

export type ShellParse =
  | { ok: true; commands: ShellCommand[] }
  | { ok: false; start: number; end: number; message: string }
  /** The parser failed on something it does not support; nothing can be said about the script. */
  | { ok: 'unsupported' };

/**
 * Splits a shell script into simple commands with @ericcornelissen/bash-parser. Commands inside
 * `$(...)` and backquotes are found too. Nothing is expanded or run.
 */
export function parseShellScript(script: EmbeddedText): ShellParse {
  const prepared = maskPlaceholders(blankHeredocs(script.text));
  const scan = scanQuotes(prepared);
  if (scan.unclosedAt !== undefined) {
    const quote = prepared[scan.unclosedAt] === '$' ? "$'" : (prepared[scan.unclosedAt] as string);
    return { ok: false, start: scan.unclosedAt, end: scan.unclosedAt + quote.length, message: `the quote ${quote} opened here is never closed` };
  }
  // The parser's time grows with the square of its input, so it reads a few top-level lines at a
  // time; a construct that spans lines (if/fi, a loop, a group) fails as incomplete and is read whole.
  const ends = [...scan.lineEnds, prepared.length];
  const commands: ShellCommand[] = [];
  let from = 0;
  for (let i = 0; i < ends.length; i++) {
    // Short lines go together: each call has a fixed cost too.
    while (i + 1 < ends.length && (ends[i + 1] as number) - from <= BATCH) i++;
    let to = ends[i] as number;
    let parsed = parseChunk(script, prepared, from, to);
    while (parsed.ok === false && parsed.incomplete && i + 1 < ends.length) {
      // Grow the piece to twice its length (whole lines), so an unfinished `if` costs few attempts.
      const target = from + 2 * (to - from);
      i++;
      while (i + 1 < ends.length && (ends[i] as number) < target) i++;
      to = ends[i] as number;
      parsed = parseChunk(script, prepared, from, to);
    }
    if (parsed.ok !== true) return parsed.ok === false ? { ok: false, start: parsed.start, end: parsed.end, message: parsed.message } : parsed;
    commands.push(...parsed.commands);
    from = to;
  }
  return { ok: true, commands };
}

/** A command (or multi-line construct) longer than this is reported, not parsed: the parser would take minutes. */
export const MAX_COMMAND_LENGTH = 8192;
/** Lines are parsed in batches of about this many characters, where the parser is still fast. */
const BATCH = 2048;

type ChunkParse = { ok: true; commands: ShellCommand[] } | { ok: false; start: number; end: number; message: string; incomplete: boolean } | { ok: 'unsupported' };

function parseChunk(script: EmbeddedText, prepared: string, from: number, to: number): ChunkParse {
  const text = prepared.slice(from, to);
  if (!hasCode(text)) return { ok: true, commands: [] };
  if (text.length > MAX_COMMAND_LENGTH) {
    const start = from + (text.length - text.trimStart().length);
    const message = `a command longer than ${MAX_COMMAND_LENGTH} characters is not read; put a long payload in a file and pass \`--input @file.json\``;
    return { ok: false, start, end: start + 1, message, incomplete: false };
  }
  let ast: BashNode;
  try {
    ast = parseBash(text, { insertLOC: true });
  } catch (error) {
    const problem = syntaxError(text, error);
    if (problem.ok !== false) return problem;
    return { ...problem, start: problem.start + from, end: problem.end + from };
  }
  const commands: ShellCommand[] = [];
  for (const node of commandNodes(ast)) {
    const words = [node['name'], ...asArray(node['suffix'])].filter(isWord).map((word) => toShellWord(script, word, from));
    for (const word of [...asArray(node['prefix']), ...asArray(node['suffix']), node['name']]) {
      if (!isWordLike(word)) continue;
      const nested = nestedCommands(script, word, from);
      if (nested.ok === true) commands.push(...nested.commands);
      else return nested.ok === false ? { ...nested, incomplete: false } : nested;
    }
    if (words.length > 0) commands.push({ words });
  }
  commands.sort((a, b) => (a.words[0]?.start ?? 0) - (b.words[0]?.start ?? 0));
  return { ok: true, commands };
}

function toShellWord(script: EmbeddedText, node: BashNode, base: number): ShellWord {
  const start = base + (node.loc?.start.char ?? 0);
  const end = base + (node.loc?.end.char ?? 0) + 1;
  const raw = script.text.slice(start, end);
  const { value, offsets, opaque } = dequoteWord(raw);
  const word = sliceText(script, start, end);
  return { start, end, raw, value, opaque, rawText: word, valueText: mappedText(word, value, offsets, raw.length) };
}

/**
 * Commands in `$(...)` or backquotes: the parser gives them without positions, so their text is
 * parsed again where it stands in the word. (The parser sometimes also copies an expansion onto
 * the next command's first word; one whose text is not in the word is such a copy.)
 */
function nestedCommands(script: EmbeddedText, word: BashNode, base: number): ShellParse {
  const start = base + (word.loc?.start.char ?? 0);
  const raw = script.text.slice(start, base + (word.loc?.end.char ?? 0) + 1);
  const found: ShellCommand[] = [];
  let searchFrom = 0;
  for (const expansion of asArray(word['expansion'])) {
    if (expansion['type'] !== 'CommandExpansion' || typeof expansion['command'] !== 'string') continue;
    const at = raw.indexOf(expansion['command'], searchFrom);
    if (at < 0 || !/(\$\(|`)\s*$/.test(raw.slice(0, at))) continue;
    searchFrom = at + expansion['command'].length;
    const inner = parseShellScript(sliceText(script, start + at, start + searchFrom));
    if (inner.ok !== true) return inner;
    for (const command of inner.commands) {
      found.push({ words: command.words.map((nested) => ({ ...nested, start: nested.start + start + at, end: nested.end + start + at })) });
    }
  }
  return { ok: true, commands: found };
}

/** Every simple command in the tree, in document order; iterative, since scripts may nest deeply. */
function commandNodes(root: unknown): BashNode[] {
  const found: BashNode[] = [];
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      for (let k = node.length - 1; k >= 0; k--) stack.push(node[k]);
      continue;
    }
    if (node === null || typeof node !== 'object') continue;
    const bash = node as BashNode;
    if (bash.type === 'Command') found.push(bash);
    const children = Object.entries(bash).filter(
      ([key]) =>
        key !== 'loc' && key !== 'expansion' && key !== 'commandAST' && !(bash.type === 'Command' && (key === 'name' || key === 'prefix' || key === 'suffix')),
    );
    for (let k = children.length - 1; k >= 0; k--) stack.push((children[k] as [string, unknown])[1]);
  }
  return found;
}

function asArray(value: unknown): BashNode[] {
  return Array.isArray(value) ? (value as BashNode[]) : [];
}

function isWord(node: unknown): node is BashNode {
  return node !== null && typeof node === 'object' && (node as BashNode).type === 'Word';
}

function isWordLike(node: unknown): node is BashNode {
  return node !== null && typeof node === 'object' && ((node as BashNode).type === 'Word' || (node as BashNode).type === 'AssignmentWord');
}

/**
 * `<artifact-id>` in a document is a placeholder, not a redirection: hide the angle brackets from
 * the parser (same length, so offsets hold). Word values are read from the original text.
 */
function maskPlaceholders(text: string): string {
  return text.replace(/<([A-Za-z][\w.:/-]*)>/g, (_match, name: string) => `_${name}_`);
}

/** Here-document bodies are data, not commands; blank them (newlines kept) so offsets hold. */
function blankHeredocs(text: string): string {
  const lines = text.split('\n');
  let delimiter: { word: string; stripTabs: boolean } | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (delimiter) {
      const candidate = delimiter.stripTabs ? line.replace(/^\t+/, '') : line;
      if (candidate === delimiter.word) delimiter = undefined;
      lines[i] = ' '.repeat(line.length);
      continue;
    }
    const opening = /<<(-?)\s*(['"]?)([A-Za-z_][\w-]*)\2/.exec(line.replace(/'[^']*'/g, (m) => ' '.repeat(m.length)));
    if (opening) delimiter = { word: opening[3] as string, stripTabs: opening[1] === '-' };
  }
  return lines.join('\n');
}

function hasCode(text: string): boolean {
  return text.split('\n').some((line) => line.trim() !== '' && !line.trim().startsWith('#'));
}

const TOKEN_WORDS: Record<string, string> = {
  AND_IF: '`&&`',
  OR_IF: '`||`',
  PIPE: '`|`',
  SEMI: '`;`',
  DSEMI: '`;;`',
  CLOSE_PAREN: '`)`',
  OPEN_PAREN: '`(`',
  LBRACE: '`{`',
  RBRACE: '`}`',
  AND: '`&`',
  NEWLINE: 'a line break',
  LESS: '`<`',
  GREAT: '`>`',
  DLESS: '`<<`',
  DGREAT: '`>>`',
};

function syntaxError(text: string, error: unknown): { ok: false; start: number; end: number; message: string; incomplete: boolean } | { ok: 'unsupported' } {
  const message = error instanceof Error ? error.message : String(error);
  const unclosed = /^Unclosed (['"`])/.exec(message);
  if (unclosed) {
    const at = scanQuotes(text).unclosedAt ?? 0;
    return { ok: false, start: at, end: at + 1, message: `the quote ${unclosed[1]} opened here is never closed`, incomplete: true };
  }
  const unexpected = /Parse error on line (\d+): Unexpected '([A-Z_]+)'/.exec(message);
  if (!unexpected) return { ok: 'unsupported' };
  const token = unexpected[2] as string;
  if (token === 'EOF') {
    const end = text.trimEnd().length;
    return {
      ok: false,
      start: Math.max(0, end - 1),
      end,
      message: 'the command ends too early (a `|`, `&&` or `(` without what follows)',
      incomplete: true,
    };
  }
  const lineStart = nthLineStart(text, Number(unexpected[1]));
  const lineEnd = text.indexOf('\n', lineStart) < 0 ? text.length : text.indexOf('\n', lineStart);
  const first = lineStart + (text.slice(lineStart, lineEnd).length - text.slice(lineStart, lineEnd).trimStart().length);
  return { ok: false, start: first, end: lineEnd, message: `unexpected ${TOKEN_WORDS[token] ?? token} on this line`, incomplete: false };
}

/**
 * One pass over the script as the shell reads quotes and comments: the line ends that stand at
 * the top level (outside quotes and parentheses, not continued by `\\`, `|`, `&&` or `||`), and
 * where a quote that is never closed opens.
 */
function scanQuotes(text: string): { lineEnds: number[]; unclosedAt?: number } {
  const lineEnds: number[] = [];
  let quote = '';
  let open = -1;
  let depth = 0;
  let lineText = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quote === '') {
      if (c === '\\') {
        lineText += text.slice(i, i + 2);
        i++;
        continue;
      }
      if (c === '#' && (i === 0 || /\s/.test(text[i - 1] as string))) {
        const lineEnd = text.indexOf('\n', i);
        i = (lineEnd < 0 ? text.length : lineEnd) - 1;
        continue;
      }
      if (c === '\n') {
        if (depth <= 0 && !/(\\|\||&&)\s*$/.test(lineText)) lineEnds.push(i);
        lineText = '';
        continue;
      }
      lineText += c;
      if (c === "'" || c === '"' || c === '`') {
        quote = c === "'" && text[i - 1] === '$' ? "$'" : c;
        open = quote === "$'" ? i - 1 : i;
      } else if (c === '(') depth++;
      else if (c === ')') depth = Math.max(0, depth - 1);
      continue;
    }
    lineText += c;
    if (quote === "'") {
      if (c === "'") quote = '';
    } else if (c === '\\') {
      lineText += text[i + 1] ?? '';
      i++;
    } else if (c === (quote === "$'" ? "'" : quote)) quote = '';
  }
  return quote === '' ? { lineEnds } : { lineEnds, unclosedAt: open };
}

function nthLineStart(text: string, line: number): number {
  let start = 0;
  for (let n = 1; n < line; n++) {
    const next = text.indexOf('\n', start);
    if (next < 0) return start;
    start = next + 1;
  }
  return start;
}
