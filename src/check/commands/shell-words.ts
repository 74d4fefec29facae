import type { Tree, TreeCursor } from 'web-tree-sitter';
import { mappedText, sliceText, type EmbeddedText } from '../payload/embedded-text.js';
import { withBashTree, withBoundedBashTree } from './bash-grammar.js';
import { dequoteWord } from './dequote.js';
import { plainShellCommands } from './plain-shell.js';
import {
  arithmeticParenSplits,
  blankFinalBackslash,
  identity,
  insertionMap,
  insertSpaces,
  maskForParser,
  type OffsetMap,
} from './shell-reading.js';
import { CASE_TERMINATORS, CLOSING_WORDS, describeProblem, unclosedQuote, unexpected, type ProblemContext } from './shell-syntax-errors.js';

/** One word of a simple command, as written and after quote removal. */
export interface ShellWord {
  /** `[start, end)` in the script text. */
  start: number;
  end: number;
  raw: string;
  value: string;
  /** Holds `$VAR`, `$(...)`, a backquote or `<(...)`: the value is only known when the script runs. */
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
  /** Shell this reader does not support; nothing can be said about the script. */
  | { ok: 'unsupported' };

/** A command (one top-level statement, however many lines it spans) longer than this is reported, not read. */
export const MAX_COMMAND_LENGTH = 8192;
/** A shell example longer than this is reported, not parsed: it bounds the parser's time and memory. */
export const MAX_SCRIPT_LENGTH = 16384;
/**
 * Shell a document may hand to the parser in all its examples together; later examples are
 * reported, not parsed. Real skills have a few hundred bytes; thousands of tiny blocks of operator
 * soup would otherwise cost tens of microseconds per byte each (see MAX_PROGRESS_AFTER_ERROR).
 */
export const MAX_DOCUMENT_SHELL = 32768;

/** What the examples of one document have left of MAX_DOCUMENT_SHELL. */
export interface ShellBudget {
  remaining: number;
  /** The run's readings of texts met before, when the caller keeps them. */
  readings?: ShellReadings;
}

export function documentShellBudget(readings?: ShellReadings): ShellBudget {
  return { remaining: MAX_DOCUMENT_SHELL, readings };
}

/**
 * Splits a shell script into simple commands with tree-sitter-bash. Commands inside `$(...)`,
 * backquotes and process substitutions are found too; here-document bodies are data. Nothing is
 * expanded or run.
 */
export function parseShellScript(script: EmbeddedText, budget: ShellBudget = documentShellBudget()): ShellParse {
  return parseScript(script, budget, true);
}

/** `parseShellScript` with every script read by the grammar, plain or not: the reference plain-shell.ts is held to. */
export function parseShellScriptWithGrammar(script: EmbeddedText): ShellParse {
  return parseScript(script, documentShellBudget(), false);
}

function parseScript(script: EmbeddedText, budget: ShellBudget, readPlain: boolean): ShellParse {
  const start = script.text.length - script.text.trimStart().length;
  if (script.text.length > MAX_SCRIPT_LENGTH) {
    const message = `a shell example longer than ${MAX_SCRIPT_LENGTH} characters is not read; split it, and put long payloads in files`;
    return { ok: false, start, end: start + 1, message };
  }
  if (script.text.length > budget.remaining) {
    budget.remaining = 0;
    const message = `the shell examples of this document together exceed ${MAX_DOCUMENT_SHELL} characters, so this one and those after it are not read`;
    return { ok: false, start, end: start + 1, message };
  }
  budget.remaining -= script.text.length;
  return bindToScript(readPlain ? readScript(script.text, budget.readings) : readScriptText(script.text, false), script);
}

/** What parsing a script's text gives, before its words are tied to where the text stands in the file. */
export type ScriptReading =
  | { ok: true; commands: Array<{ words: WordReading[] }> }
  | { ok: false; start: number; end: number; message: string }
  | { ok: 'unsupported' };

/** A word of the script's text: what ShellWord holds but the way back to the file, and the value's offsets in `raw`. */
interface WordReading {
  start: number;
  end: number;
  raw: string;
  value: string;
  opaque: boolean;
  offsets: readonly number[];
}

/**
 * Readings of script texts met earlier in a run (one per lint environment). The same example
 * (`popiart artifacts pull <artifact-id>`, an upload command) recurs across the skills of a
 * catalog, and a reading depends on the text alone, so such a text is given to tree-sitter once.
 * Bounded: the first READINGS_KEPT texts of at most READING_KEPT_LENGTH characters are kept, and
 * none is dropped for a later one (a cache that keeps replacing its entries costs more in garbage
 * collection than it saves).
 */
export type ShellReadings = Map<string, ScriptReading>;
const READINGS_KEPT = 1024;
const READING_KEPT_LENGTH = 4096;

function readScript(scriptText: string, readings: ShellReadings | undefined): ScriptReading {
  const known = readings?.get(scriptText);
  if (known !== undefined) return known;
  const reading = readScriptText(scriptText, true);
  if (readings && readings.size < READINGS_KEPT && scriptText.length <= READING_KEPT_LENGTH) readings.set(scriptText, reading);
  return reading;
}

function readScriptText(scriptText: string, readPlain: boolean): ScriptReading {
  const start = scriptText.length - scriptText.trimStart().length;
  const text = blankFinalBackslash(scriptText);
  const read = maskForParser(text);
  // Most examples are plain commands, read without loading the grammar (plain-shell.ts).
  const plain = readPlain ? plainShellCommands(read) : undefined;
  if (plain) return { ok: true, commands: plain.map((spans) => ({ words: spans.map(([start, end]) => shellWord(scriptText, start, end, false)) })) };
  const first = withBoundedBashTree(read, (tree): ScriptReading | number[] => {
    const splits = tree.rootNode.hasError ? arithmeticParenSplits(tree) : [];
    return splits.length === 0 ? readTree(tree, scriptText, { text, toScript: identity }) : splits;
  });
  if (first === 'cancelled') return cancelled(start);
  if (!first) return { ok: 'unsupported' };
  if (!Array.isArray(first)) return first;
  // `((` read as arithmetic does not parse: read again with its parentheses apart, as subshells.
  const toScript = insertionMap(first);
  const second = withBoundedBashTree(insertSpaces(read, first), (tree) => readTree(tree, scriptText, { text, toScript }));
  return second === 'cancelled' ? cancelled(start) : (second ?? { ok: 'unsupported' });
}

/** A reading as the ShellParse of `script`: fresh objects, so no reader can change a kept reading. */
function bindToScript(reading: ScriptReading, script: EmbeddedText): ShellParse {
  if (reading.ok === 'unsupported') return { ok: 'unsupported' };
  if (reading.ok === false) return { ok: false, start: reading.start, end: reading.end, message: reading.message };
  return { ok: true, commands: reading.commands.map((command) => ({ words: command.words.map((word) => boundWord(script, word)) })) };
}

function boundWord(script: EmbeddedText, word: WordReading): ShellWord {
  const rawText = sliceText(script, word.start, word.end);
  return {
    start: word.start,
    end: word.end,
    raw: word.raw,
    value: word.value,
    opaque: word.opaque,
    rawText,
    valueText: mappedText(rawText, word.value, word.offsets, word.raw.length),
  };
}

function cancelled(start: number): ScriptReading {
  const message = 'the parser gave up recovering from a syntax error early in it; check its quoting and its operators (`|`, `<<`, `;`)';
  return { ok: false, start, end: start + 1, message };
}

interface Frame {
  type: string;
  /** The command this node is (`command`), or the body of this `redirected_statement`. */
  command?: CommandReading;
  /** Destinations seen so far, in a `file_redirect`. */
  destinations: number;
}

interface CommandReading {
  words: WordReading[];
}

/** One pass over the tree in document order: the commands with their words, or the first problem. */
function readTree(tree: Tree, script: string, context: ProblemContext): ScriptReading {
  const { toScript } = context;
  if (tree.rootNode.hasError) {
    const unclosed = unclosedQuote(tree.rootNode, context);
    if (unclosed) return { ok: false, ...unclosed };
  }
  // Each question to the cursor is a call into WebAssembly: only the needed ones are asked.
  const mayBeMissing = tree.rootNode.hasError;
  const commands: CommandReading[] = [];
  let reordered = false;
  const cursor = tree.walk();
  try {
    if (!cursor.gotoFirstChild()) return { ok: true, commands };
    const ancestors: Frame[] = [{ type: 'program', destinations: 0 }];
    for (;;) {
      const type = cursor.nodeType;
      const frame: Frame = { type, destinations: 0 };
      const parent = ancestors[ancestors.length - 1] as Frame;
      const field = FIELD_PARENTS.has(parent.type) ? cursor.currentFieldName : null;
      if (ancestors.length === 1 && type !== 'comment' && cursor.endIndex - cursor.startIndex > MAX_COMMAND_LENGTH) {
        const start = toScript(cursor.startIndex);
        const message = `a command longer than ${MAX_COMMAND_LENGTH} characters is not read; put a long payload in a file and pass \`--input @file.json\``;
        return { ok: false, start, end: start + 1, message };
      }
      if (type === 'ERROR' || (mayBeMissing && cursor.nodeIsMissing)) return { ok: false, ...describeProblem(cursor.currentNode, context) };
      const closingName = field === 'name' && parent.type === 'command' && CLOSING_WORDS.has(wordText(script, cursor, toScript));
      if (closingName || (CASE_TERMINATORS.has(type) && parent.type !== 'case_item')) return { ok: false, ...unexpected(cursor.currentNode, context) };
      // `$'...'` has escapes of its own that quote removal here does not decode.
      if (type === 'ansi_c_string') return { ok: 'unsupported' };
      if (type === 'command') {
        frame.command = { words: [] };
        commands.push(frame.command);
        if (parent.type === 'redirected_statement' && field === 'body') parent.command = frame.command;
      } else if (parent.type === 'command' && (field === 'name' || field === 'argument') && parent.command) {
        addWord(parent.command, script, cursor, toScript);
      } else if (parent.type === 'file_redirect' && field === 'destination' && ++parent.destinations > 1) {
        // `cmd > out.txt more`: the redirection takes one word; the shell gives the others to the command.
        const owner = ancestors[ancestors.length - 2];
        if (owner?.type === 'redirected_statement' && owner.command) {
          owner.command.words.push(shellWord(script, toScript(cursor.startIndex), toScript(cursor.endIndex), false));
          reordered = true;
        }
      }
      if (!NO_COMMANDS_INSIDE.has(type) && cursor.gotoFirstChild()) {
        ancestors.push(frame);
        continue;
      }
      while (!cursor.gotoNextSibling()) {
        cursor.gotoParent();
        ancestors.pop();
        if (ancestors.length === 0) return { ok: true, commands: ordered(commands, reordered) };
      }
    }
  } finally {
    cursor.delete();
  }
}

/** Nodes whose children's field names matter here. */
const FIELD_PARENTS = new Set(['command', 'file_redirect', 'redirected_statement']);

/** Leaves, and here-document bodies (data): nothing to look for inside. */
const NO_COMMANDS_INSIDE = new Set(['heredoc_body', 'word', 'raw_string', 'string_content', 'variable_name', 'comment']);

function wordText(script: string, cursor: TreeCursor, toScript: OffsetMap): string {
  return script.slice(toScript(cursor.startIndex), toScript(cursor.endIndex));
}

/** Adds a word; one written right against the previous (`$"..."` is read as `$` and a string) joins it, as in the shell. */
function addWord(command: CommandReading, script: string, cursor: TreeCursor, toScript: OffsetMap): void {
  const start = toScript(cursor.startIndex);
  const end = toScript(cursor.endIndex);
  const substituted = cursor.nodeType === 'process_substitution';
  const previous = command.words[command.words.length - 1];
  if (previous?.end === start) command.words[command.words.length - 1] = shellWord(script, previous.start, end, previous.opaque || substituted);
  else command.words.push(shellWord(script, start, end, substituted));
}

/** Commands by where their first word stands (an assignment's `$(...)` comes before its command), words in order. */
function ordered(commands: CommandReading[], reordered: boolean): CommandReading[] {
  const found = commands.filter((command) => command.words.length > 0);
  if (reordered) for (const command of found) command.words.sort((a, b) => a.start - b.start);
  return found.sort((a, b) => (a.words[0] as WordReading).start - (b.words[0] as WordReading).start);
}

/** The word at `[start, end)` of the script; `opaque` when the tree already knows its value comes at run time. */
function shellWord(script: string, start: number, end: number, opaque: boolean): WordReading {
  const raw = script.slice(start, end);
  const dequoted = dequoteWord(raw);
  return { start, end, raw, value: dequoted.value, opaque: opaque || dequoted.opaque, offsets: dequoted.offsets };
}
