import { closestMatches, didYouMean } from '../../core/suggest.js';
import { isPlaceholder } from '../payload/check-payload.js';
import { joinOr } from '../payload/schema-words.js';
import type { CliSurface, CommandSpec, FlagSpec } from './cli-surface.js';
import type { ShellWord } from './shell-words.js';

export type CommandProblemKind = 'unknown-command' | 'unknown-flag' | 'arguments' | 'flag-value';

export interface CommandProblem {
  kind: CommandProblemKind;
  /** Index of the word concerned in the command's words (0 is `popiart`). */
  word: number;
  /** Where the part concerned starts in the word's value (after `=` in `--flag=value`). */
  from?: number;
  message: string;
}

export interface MatchedFlag {
  spec: FlagSpec;
  word: number;
  /** The value's word and where the value starts in it. */
  value?: { word: number; from: number };
}

export interface MatchedCommand {
  /** Undefined when the subcommand is unknown, or hidden behind a variable or placeholder. */
  spec?: CommandSpec;
  flags: MatchedFlag[];
  positionals: number[];
  problems: CommandProblem[];
}

/** Matches the words of one `popiart ...` command against the CLI surface. Pure. */
export function matchPopiartCommand(words: readonly ShellWord[], cli: CliSurface): MatchedCommand {
  const result: MatchedCommand = { flags: [], positionals: [], problems: [] };
  let i = 1;
  let candidates = cli.commands;
  const path: string[] = [];
  let lastPathWord = 0;
  let spec: CommandSpec | undefined;
  while (i < words.length && !spec) {
    const word = words[i] as ShellWord;
    if (word.opaque || isPlaceholder(word.value)) return result;
    if (isFlagWord(word)) {
      i = readFlag(words, i, cli.globalFlags, [], `${cli.program}`, result);
      continue;
    }
    const next = candidates.filter((command) => command.path[path.length] === word.value);
    if (next.length === 0) {
      result.problems.push(unknownCommand(cli, candidates, path, word.value, i));
      return result;
    }
    candidates = next;
    path.push(word.value);
    lastPathWord = i;
    i++;
    spec = candidates.find((command) => command.path.length === path.length);
  }
  if (!spec) {
    const options = joinOr(subcommandsAfter(candidates, path).map((name) => `\`${name}\``));
    const shown = [cli.program, ...path].join(' ');
    result.problems.push({ kind: 'unknown-command', word: lastPathWord, message: `\`${shown}\` needs a subcommand: ${options}.` });
    return result;
  }
  result.spec = spec;
  const commandName = [cli.program, ...spec.path].join(' ');
  let endOfOptions = false;
  let uncertain = false;
  while (i < words.length) {
    const word = words[i] as ShellWord;
    if (!endOfOptions && !word.opaque && word.value === '--') {
      endOfOptions = true;
      i++;
    } else if (!endOfOptions && isFlagWord(word)) {
      const before = result.problems.length;
      i = readFlag(words, i, spec.flags, cli.globalFlags, commandName, result);
      if (result.problems.slice(before).some((problem) => problem.kind === 'unknown-flag')) uncertain = true;
    } else {
      // `$@` or `${args[@]}` may stand for any number of words.
      if (word.opaque && /\$\{?[@*]|\[[@*]\]/.test(word.raw)) uncertain = true;
      result.positionals.push(i);
      i++;
    }
  }
  if (!uncertain) checkArity(spec, commandName, lastPathWord, result);
  return result;
}

function isFlagWord(word: ShellWord): boolean {
  return !word.opaque && word.value.length > 1 && word.value.startsWith('-') && !/^-\d/.test(word.value);
}

/** Reads the flag at `words[i]` (and its value), records it or its problem; returns the next index. */
function readFlag(
  words: readonly ShellWord[],
  i: number,
  own: readonly FlagSpec[],
  global: readonly FlagSpec[],
  commandName: string,
  result: MatchedCommand,
): number {
  const text = (words[i] as ShellWord).value;
  const eq = text.startsWith('--') ? text.indexOf('=') : -1;
  const name = eq < 0 ? text : text.slice(0, eq);
  const all = [...own, ...global];
  const spec = all.find((flag) => flag.name === name || flag.short === name);
  if (!spec) {
    const known = all.flatMap((flag) => [flag.name, ...(flag.short ? [flag.short] : [])]);
    result.problems.push({
      kind: 'unknown-flag',
      word: i,
      message: `\`${name}\` is not a flag of \`${commandName}\`.${didYouMean(name, known)}`,
    });
    return i + 1;
  }
  if (!spec.value) {
    if (eq >= 0) result.problems.push({ kind: 'flag-value', word: i, from: eq + 1, message: `\`${spec.name}\` takes no value.` });
    result.flags.push({ spec, word: i });
    return i + 1;
  }
  const value = eq >= 0 ? { word: i, from: eq + 1 } : i + 1 < words.length ? { word: i + 1, from: 0 } : undefined;
  result.flags.push(value ? { spec, word: i, value } : { spec, word: i });
  if (!value) {
    const choices = spec.value.choices ? `: ${joinOr(spec.value.choices.map((choice) => `\`${choice}\``))}` : ` (<${spec.value.name}>)`;
    result.problems.push({ kind: 'flag-value', word: i, message: `\`${spec.name}\` needs a value${choices}.` });
    return i + 1;
  }
  const valueWord = words[value.word] as ShellWord;
  const problem = valueProblem(spec, valueWord.value.slice(value.from), valueWord.opaque);
  if (problem) result.problems.push({ kind: 'flag-value', word: value.word, from: value.from, message: problem });
  return value.word + 1;
}

function valueProblem(spec: FlagSpec, value: string, opaque: boolean): string | undefined {
  const expected = spec.value;
  if (!expected || opaque || isPlaceholder(value)) return undefined;
  if (expected.choices && !expected.choices.includes(value)) {
    const choices = joinOr(expected.choices.map((choice) => `\`${choice}\``));
    return `\`${spec.name}\` must be one of ${choices}, got ${JSON.stringify(value)}.${didYouMean(value, expected.choices)}`;
  }
  if (expected.type === 'integer' && !/^\d+$/.test(value)) {
    return `\`${spec.name}\` must be a whole number, got ${JSON.stringify(value)}.`;
  }
  if (expected.kind === 'payload' && !/^\s*[[{]/.test(value) && !value.startsWith('@') && value !== '-') {
    const hint = /\.json$/i.test(value) ? ` Did you mean \`@${value}\`?` : '';
    return `\`${spec.name}\` takes inline JSON, \`@file.json\` or \`-\` (standard input), got ${JSON.stringify(value)}.${hint}`;
  }
  return undefined;
}

function checkArity(spec: CommandSpec, commandName: string, lastPathWord: number, result: MatchedCommand): void {
  const required = spec.positionals.filter((positional) => positional.required);
  const given = result.positionals.length;
  if (given < required.length) {
    const missing = required.slice(given).map((positional) => `<${positional.name}>`);
    result.problems.push({
      kind: 'arguments',
      word: lastPathWord,
      message: `\`${commandName}\` needs ${missing.join(' and ')}.`,
    });
  }
  const takes =
    spec.positionals.length === 0
      ? 'takes no arguments'
      : `takes only ${spec.positionals.map((positional) => (positional.required ? `<${positional.name}>` : `[${positional.name}]`)).join(' ')}`;
  for (const extra of result.positionals.slice(spec.positionals.length)) {
    result.problems.push({ kind: 'arguments', word: extra, message: `Unexpected argument: \`${commandName}\` ${takes}.` });
  }
}

function unknownCommand(cli: CliSurface, candidates: readonly CommandSpec[], path: readonly string[], typed: string, word: number): CommandProblem {
  const shown = [cli.program, ...path, typed].join(' ');
  const options = subcommandsAfter(candidates, path);
  const [closest] = closestMatches(typed, options, 1);
  const hint =
    closest !== undefined
      ? ` Did you mean \`${[cli.program, ...path, closest].join(' ')}\`?`
      : ` \`${[cli.program, ...path].join(' ')}\` has ${joinOr(options.map((name) => `\`${name}\``))}.`;
  return { kind: 'unknown-command', word, message: `\`${shown}\` is not a ${cli.program} command.${hint}` };
}

function subcommandsAfter(candidates: readonly CommandSpec[], path: readonly string[]): string[] {
  return [...new Set(candidates.map((command) => command.path[path.length]).filter((name): name is string => name !== undefined))];
}
