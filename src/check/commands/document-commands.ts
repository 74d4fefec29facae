import type { Range } from '../../core/diagnostic.js';
import type { SkillDocument } from '../../parse/skill-document.js';
import { parseEmbeddedJson, type EmbeddedJson } from '../payload/embedded-json.js';
import { embeddedRange, sliceText, type EmbeddedText } from '../payload/embedded-text.js';
import type { CliSurface } from './cli-surface.js';
import { parseDocumentShell, type ParsedSnippet } from './document-shell.js';
import { matchPopiartCommand, type CommandProblemKind, type MatchedCommand, type MatchMode } from './match-command.js';
import { isCommandPlaceholder, isElidedValue } from './placeholders.js';
import type { ShellWord } from './shell-words.js';

export interface CommandFinding {
  kind: 'syntax' | CommandProblemKind;
  range: Range;
  message: string;
}

/** How a `popiart run` passes its input. */
export type RunInput =
  | { kind: 'json'; json: EmbeddedJson }
  | { kind: 'file' | 'stdin' | 'placeholder' | 'opaque' | 'other'; range: Range };

/** One `popiart run <skill-id>` in the document: plain data for the catalog phase. */
export interface RunInvocation {
  /** The literal id; undefined when it is a placeholder or a variable. */
  skillId?: string;
  skillRange: Range;
  /** Written in the skill's own `## Command pattern` section. */
  inCommandPattern: boolean;
  input?: RunInput;
}

export interface DocumentCommands {
  findings: CommandFinding[];
  runs: RunInvocation[];
}

/** Every `popiart` command of the document, parsed once and checked against the CLI surface. */
export function collectDocumentCommands(doc: SkillDocument, cli: CliSurface, snippets: readonly ParsedSnippet[] = parseDocumentShell(doc)): DocumentCommands {
  const result: DocumentCommands = { findings: [], runs: [] };
  for (const snippet of snippets) {
    const parsed = snippet.parsed;
    if (parsed.ok === 'unsupported') continue;
    if (parsed.ok === false) {
      result.findings.push({
        kind: 'syntax',
        range: embeddedRange(doc.source, snippet.text, parsed.start, parsed.end),
        message: `This shell example does not parse: ${parsed.message}.`,
      });
      continue;
    }
    // A code span in running prose mentions a command; blocks and the Command pattern run it.
    const mode: MatchMode = snippet.kind === 'inline' && snippet.sectionKey !== 'command pattern' ? 'mention' : 'command';
    for (const command of parsed.commands) {
      const name = command.words[0];
      if (!name || name.opaque || name.value !== cli.program) continue;
      const matched = matchPopiartCommand(command.words, cli, mode);
      for (const problem of matched.problems) {
        const word = command.words[problem.word] as ShellWord;
        result.findings.push({ kind: problem.kind, range: wordRange(doc, word, problem.from), message: problem.message });
      }
      const run = runInvocation(doc, command.words, matched, snippet.sectionKey === 'command pattern');
      if (run) result.runs.push(run);
    }
  }
  return result;
}

function runInvocation(
  doc: SkillDocument,
  words: readonly ShellWord[],
  matched: MatchedCommand,
  inCommandPattern: boolean,
): RunInvocation | undefined {
  if (matched.spec?.path.join(' ') !== 'run') return undefined;
  const skillIndex = matched.positionals[0];
  if (skillIndex === undefined) return undefined;
  const skillWord = words[skillIndex] as ShellWord;
  const run: RunInvocation = { skillRange: wordRange(doc, skillWord), inCommandPattern };
  if (!skillWord.opaque && !isCommandPlaceholder(skillWord.value)) run.skillId = skillWord.value;
  const inputFlag = matched.flags.find((flag) => flag.spec.value?.kind === 'payload' && flag.value);
  if (inputFlag?.value) run.input = runInput(doc, words[inputFlag.value.word] as ShellWord, inputFlag.value.from);
  return run;
}

function runInput(doc: SkillDocument, word: ShellWord, from: number): RunInput {
  const text: EmbeddedText = sliceText(word.valueText, from, word.value.length);
  const range = embeddedRange(doc.source, text, 0, text.text.length);
  if (word.opaque) return { kind: 'opaque', range };
  if (text.text.startsWith('@')) return { kind: 'file', range };
  if (text.text === '-') return { kind: 'stdin', range };
  if (isCommandPlaceholder(text.text) || isElidedValue(text.text)) return { kind: 'placeholder', range };
  if (!/^\s*[[{]/.test(text.text)) return { kind: 'other', range };
  return { kind: 'json', json: parseEmbeddedJson(doc.source, text) };
}

/** The word as written (quotes included), or from `from` in its value to its end (the value of `--flag=value`). */
function wordRange(doc: SkillDocument, word: ShellWord, from?: number): Range {
  if (from === undefined || from >= word.value.length) return embeddedRange(doc.source, word.rawText, 0, word.raw.length);
  return embeddedRange(doc.source, word.valueText, from, word.value.length);
}
