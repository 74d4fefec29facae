import { closestMatches, didYouMean } from '../../core/suggest.js';
import { joinOr } from '../payload/schema-words.js';
import type { CliSurface, CommandSpec, FlagSpec, FlagValueSpec } from './cli-surface.js';
import { isCommandPlaceholder, isElision, isWordPlaceholder } from './placeholders.js';
import type { ShellWord } from './shell-words.js';

export type CommandProblemKind = 'unknown-command' | 'unknown-flag' | 'arguments' | 'flag-value' | 'deprecated-flag';

/**
 * How a command is read: `command` is a command line to run (shell blocks, `## Command pattern`),
 * checked in full; `mention` names a command in running prose: its path and flags must exist,
 * but its arguments, required flags and a group's subcommand are not demanded.
 */
export type MatchMode = 'command' | 'mention';

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

const ROOT_FALLBACK: CommandSpec = { path: [], runnable: false, positionals: [], flags: [] };

/**
 * The flags a command reads (its own, then the global ones) with lookups by name and shorthand:
 * `byName` gives the first flag whose name or shorthand is the key, `byShort` the first whose
 * shorthand is, as a search of `all` in order would.
 */
interface FlagTable {
  all: readonly FlagSpec[];
  byName: ReadonlyMap<string, FlagSpec>;
  byShort: ReadonlyMap<string, FlagSpec>;
}

/** Lookups into one CLI surface, made at its first use: the surface never changes during a run. */
interface SurfaceIndex {
  root: CommandSpec;
  children: Map<readonly string[], CommandSpec[]>;
  flags: Map<CommandSpec, FlagTable>;
}

const indexes = new WeakMap<CliSurface, SurfaceIndex>();

function indexOf(cli: CliSurface): SurfaceIndex {
  let index = indexes.get(cli);
  if (!index) {
    index = { root: cli.commands.find((command) => command.path.length === 0) ?? ROOT_FALLBACK, children: new Map(), flags: new Map() };
    indexes.set(cli, index);
  }
  return index;
}

function flagTable(cli: CliSurface, spec: CommandSpec): FlagTable {
  const index = indexOf(cli);
  let table = index.flags.get(spec);
  if (!table) {
    const all = [...spec.flags, ...cli.globalFlags];
    const byName = new Map<string, FlagSpec>();
    const byShort = new Map<string, FlagSpec>();
    for (const flag of all) {
      if (!byName.has(flag.name)) byName.set(flag.name, flag);
      if (flag.short !== undefined) {
        if (!byName.has(flag.short)) byName.set(flag.short, flag);
        if (!byShort.has(flag.short)) byShort.set(flag.short, flag);
      }
    }
    table = { all, byName, byShort };
    index.flags.set(spec, table);
  }
  return table;
}

/** The values pflag reads as a boolean in `--switch=<value>`. */
const SWITCH_VALUES = new Set(['1', '0', 't', 'f', 'T', 'F', 'true', 'false', 'TRUE', 'FALSE', 'True', 'False']);

/**
 * Matches the words of one `popiart ...` command against the CLI surface, the way cobra reads
 * them: subcommand names and aliases are followed past flags, then every flag is read against the
 * command found (its own flags and the global ones). Pure.
 */
export function matchPopiartCommand(words: readonly ShellWord[], cli: CliSurface, mode: MatchMode = 'command'): MatchedCommand {
  const result: MatchedCommand = { flags: [], positionals: [], problems: [] };
  const found = findCommand(words, cli, result);
  if (!found) return result;
  const { spec, pathWords } = found;
  result.spec = spec;
  const commandName = [cli.program, ...spec.path].join(' ');
  const lastPathWord = pathWords[pathWords.length - 1] ?? 0;
  let endOfOptions = false;
  let uncertain = false;
  let i = 1;
  while (i < words.length) {
    const word = words[i] as ShellWord;
    if (pathWords.includes(i)) {
      i++;
    } else if (!endOfOptions && !word.opaque && word.value === '--') {
      endOfOptions = true;
      i++;
    } else if (!endOfOptions && isFlagWord(word)) {
      const before = result.problems.length;
      i = readFlag(words, i, flagTable(cli, spec), commandName, result);
      if (result.problems.slice(before).some((problem) => problem.kind === 'unknown-flag')) uncertain = true;
    } else {
      // `$@`, `${args[@]}`, `...` and `[options]` may stand for any number of words.
      if ((word.opaque && /\$\{?[@*]|\[[@*]\]/.test(word.raw)) || (!word.opaque && isElision(word.value))) uncertain = true;
      result.positionals.push(i);
      i++;
    }
  }
  // `--help` and `--version` print and exit before cobra looks at arguments.
  if (result.flags.some((flag) => flag.spec.action !== undefined)) return result;
  if (mode === 'mention') {
    if (!uncertain && spec.runnable) checkExtraArguments(spec, commandName, result);
    return result;
  }
  if (!spec.runnable) {
    const options = joinOr(childrenOf(cli, spec.path).map((child) => `\`${lastWord(child)}\``));
    result.problems.push({ kind: 'unknown-command', word: lastPathWord, message: `\`${commandName}\` needs a subcommand: ${options}.` });
    return result;
  }
  if (!uncertain) {
    checkMissingArguments(spec, commandName, lastPathWord, result);
    checkExtraArguments(spec, commandName, result);
  }
  checkRequiredFlags(spec, commandName, lastPathWord, result);
  return result;
}

/**
 * cobra's `Find`: from the program, the first word that is not a flag (nor a flag's value) names a
 * subcommand while the command reached has subcommands. Undefined, with the problem recorded, when
 * that word names none; undefined without a problem when it is a placeholder or a variable.
 */
function findCommand(
  words: readonly ShellWord[],
  cli: CliSurface,
  result: MatchedCommand,
): { spec: CommandSpec; pathWords: number[] } | undefined {
  let spec = indexOf(cli).root;
  const pathWords: number[] = [];
  let i = 1;
  while (i < words.length) {
    const word = words[i] as ShellWord;
    if (!word.opaque && word.value === '--') break;
    if (isFlagWord(word)) {
      i = afterFlag(words, i, flagTable(cli, spec));
      continue;
    }
    const children = childrenOf(cli, spec.path);
    if (children.length === 0) break;
    const child = word.opaque ? undefined : children.find((candidate) => namesOf(candidate).includes(word.value));
    if (child) {
      spec = child;
      pathWords.push(i);
      i++;
      continue;
    }
    if (spec.runnable) break;
    if (word.opaque || isCommandPlaceholder(word.value)) return undefined;
    result.problems.push(unknownCommand(cli, spec, children, word.value, i));
    return undefined;
  }
  return { spec, pathWords };
}

/** The index after a flag and, when it takes a separate value, that value. */
function afterFlag(words: readonly ShellWord[], i: number, flags: FlagTable): number {
  const text = (words[i] as ShellWord).value;
  if (isShortGroup(text)) {
    // `-wi @p.json`: the first shorthand that takes a value takes the rest of the word, or the next word.
    for (let k = 1; k < text.length; k++) {
      const spec = flags.byShort.get(`-${text[k]}`);
      if (!spec) return i + 1;
      if (spec.value) return k === text.length - 1 ? i + 2 : i + 1;
    }
    return i + 1;
  }
  if (text.includes('=')) return i + 1;
  const spec = flags.byName.get(text);
  return spec?.value ? i + 2 : i + 1;
}

/** pflag reads `-abc` as `-a -b -c`, and `-ivalue` or `-i=value` as `-i` with a value. */
function isShortGroup(text: string): boolean {
  return text.length > 2 && text[0] === '-' && text[1] !== '-';
}

function isFlagWord(word: ShellWord): boolean {
  return !word.opaque && word.value.length > 1 && word.value.startsWith('-') && !/^-\d/.test(word.value);
}

/** Reads the flag at `words[i]` (and its value), records it or its problem; returns the next index. */
function readFlag(
  words: readonly ShellWord[],
  i: number,
  flags: FlagTable,
  commandName: string,
  result: MatchedCommand,
): number {
  const text = (words[i] as ShellWord).value;
  if (isShortGroup(text)) return readShortGroup(words, i, flags, commandName, result);
  const eq = text.startsWith('--') ? text.indexOf('=') : -1;
  const name = eq < 0 ? text : text.slice(0, eq);
  const spec = flags.byName.get(name);
  if (!spec) {
    result.problems.push(unknownFlag(name, flags.all, commandName, i));
    return i + 1;
  }
  if (spec.deprecated) result.problems.push({ kind: 'deprecated-flag', word: i, message: deprecationMessage(spec) });
  if (!spec.value) {
    const given = text.slice(eq + 1);
    if (eq >= 0 && !SWITCH_VALUES.has(given)) {
      result.problems.push({ kind: 'flag-value', word: i, from: eq + 1, message: switchValueMessage(spec, given) });
    }
    result.flags.push({ spec, word: i });
    return i + 1;
  }
  const value = eq >= 0 ? { word: i, from: eq + 1 } : i + 1 < words.length ? { word: i + 1, from: 0 } : undefined;
  return readValue(words, i, spec, spec.value, value, result);
}

/** `-wi @p.json`, `-ovalue`, `-o=value`: shorthands run together, as pflag reads them. */
function readShortGroup(words: readonly ShellWord[], i: number, flags: FlagTable, commandName: string, result: MatchedCommand): number {
  const text = (words[i] as ShellWord).value;
  for (let k = 1; k < text.length; k++) {
    const short = `-${text[k]}`;
    const spec = flags.byShort.get(short);
    if (!spec) {
      result.problems.push({ ...unknownFlag(short, flags.all, commandName, i), from: k });
      return i + 1;
    }
    if (spec.deprecated) result.problems.push({ kind: 'deprecated-flag', word: i, from: k, message: deprecationMessage(spec) });
    if (!spec.value) {
      result.flags.push({ spec, word: i });
      if (text[k + 1] !== '=') continue;
      const given = text.slice(k + 2);
      if (!SWITCH_VALUES.has(given)) result.problems.push({ kind: 'flag-value', word: i, from: k + 2, message: switchValueMessage(spec, given) });
      return i + 1;
    }
    const from = text[k + 1] === '=' ? k + 2 : k + 1;
    const value = from < text.length ? { word: i, from } : i + 1 < words.length ? { word: i + 1, from: 0 } : undefined;
    return readValue(words, i, spec, spec.value, value, result);
  }
  return i + 1;
}

function unknownFlag(name: string, all: readonly FlagSpec[], commandName: string, word: number): CommandProblem {
  const known = all.filter((flag) => !flag.hidden).flatMap((flag) => [flag.name, ...(flag.short ? [flag.short] : [])]);
  return { kind: 'unknown-flag', word, message: `\`${name}\` is not a flag of \`${commandName}\`.${didYouMean(name, known)}` };
}

/** Records a flag that takes a value, and checks the value; returns the next index. */
function readValue(
  words: readonly ShellWord[],
  i: number,
  spec: FlagSpec,
  expected: FlagValueSpec,
  value: { word: number; from: number } | undefined,
  result: MatchedCommand,
): number {
  result.flags.push(value ? { spec, word: i, value } : { spec, word: i });
  if (!value) {
    const choices = expected.choices ? `: ${joinOr(expected.choices.map((choice) => `\`${choice}\``))}` : ` (<${expected.name}>)`;
    result.problems.push({ kind: 'flag-value', word: i, message: `\`${spec.name}\` needs a value${choices}.` });
    return i + 1;
  }
  const valueWord = words[value.word] as ShellWord;
  const problem = valueProblem(spec, valueWord.value.slice(value.from), valueWord.opaque);
  if (problem) result.problems.push({ kind: 'flag-value', word: value.word, from: value.from, message: problem });
  return value.word + 1;
}

function switchValueMessage(spec: FlagSpec, given: string): string {
  return `\`${spec.name}\` takes no value (at most \`=true\` or \`=false\`), got ${JSON.stringify(given)}.`;
}

function deprecationMessage(spec: FlagSpec): string {
  const { message, replacement } = spec.deprecated ?? { message: '' };
  if (replacement) return `\`${spec.name}\` is deprecated: use \`${replacement}\` instead.`;
  return `\`${spec.name}\` is deprecated${message ? ` (${message})` : ''}.`;
}

function valueProblem(spec: FlagSpec, value: string, opaque: boolean): string | undefined {
  const expected = spec.value;
  if (!expected || opaque || isWordPlaceholder(value) || isElision(value)) return undefined;
  if (expected.choices && !expected.choices.includes(value)) {
    const choices = joinOr(expected.choices.map((choice) => `\`${choice}\``));
    return `\`${spec.name}\` must be one of ${choices}, got ${JSON.stringify(value)}.${didYouMean(value, expected.choices)}`;
  }
  if (expected.type === 'integer' && !/^[-+]?\d+$/.test(value)) {
    return `\`${spec.name}\` must be a whole number, got ${JSON.stringify(value)}.`;
  }
  if (expected.type === 'number' && !/^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/.test(value)) {
    return `\`${spec.name}\` must be a number, got ${JSON.stringify(value)}.`;
  }
  if (expected.kind === 'payload' && !/^\s*[[{]/.test(value) && !value.startsWith('@') && value !== '-') {
    const hint = /\.json$/i.test(value) ? ` Did you mean \`@${value}\`?` : '';
    return `\`${spec.name}\` takes inline JSON, \`@file.json\` or \`-\` (standard input), got ${JSON.stringify(value)}.${hint}`;
  }
  return undefined;
}

function argumentLimits(spec: CommandSpec): { min: number; max?: number } {
  if (spec.args) return spec.args;
  const min = spec.positionals.filter((positional) => positional.required).length;
  return spec.positionals.some((positional) => positional.variadic) ? { min } : { min, max: spec.positionals.length };
}

function checkMissingArguments(spec: CommandSpec, commandName: string, lastPathWord: number, result: MatchedCommand): void {
  const { min } = argumentLimits(spec);
  const given = result.positionals.length;
  if (given >= min) return;
  const named = spec.positionals.slice(given, min).map((positional) => `<${positional.name}>`);
  const missing = named.length === min - given ? named.join(' and ') : `${min} arguments`;
  result.problems.push({ kind: 'arguments', word: lastPathWord, message: `\`${commandName}\` needs ${missing}.` });
}

function checkExtraArguments(spec: CommandSpec, commandName: string, result: MatchedCommand): void {
  const { max } = argumentLimits(spec);
  if (max === undefined) return;
  const shown = spec.positionals.map((positional) => (positional.required ? `<${positional.name}>` : `[${positional.name}]`));
  const takes = max === 0 ? 'takes no arguments' : `takes only ${shown.length > 0 ? shown.join(' ') : `${max} arguments`}`;
  for (const extra of result.positionals.slice(max)) {
    result.problems.push({ kind: 'arguments', word: extra, message: `Unexpected argument: \`${commandName}\` ${takes}.` });
  }
}

function checkRequiredFlags(spec: CommandSpec, commandName: string, lastPathWord: number, result: MatchedCommand): void {
  const missing = spec.flags.filter((flag) => flag.required && !result.flags.some((given) => given.spec === flag));
  if (missing.length === 0) return;
  const names = missing.map((flag) => `\`${flag.name}\``);
  result.problems.push({
    kind: 'arguments',
    word: lastPathWord,
    message: `\`${commandName}\` needs ${names.length === 1 ? 'the flag' : 'the flags'} ${names.join(' and ')}.`,
  });
}

function unknownCommand(cli: CliSurface, parent: CommandSpec, children: readonly CommandSpec[], typed: string, word: number): CommandProblem {
  const prefix = [cli.program, ...parent.path].join(' ');
  const options = children.map(lastWord);
  const [closest] = closestMatches(typed, [...options, ...children.flatMap((child) => child.aliases ?? [])], 1);
  const hint = closest !== undefined ? ` Did you mean \`${prefix} ${closest}\`?` : ` \`${prefix}\` has ${joinOr(options.map((name) => `\`${name}\``))}.`;
  return { kind: 'unknown-command', word, message: `\`${prefix} ${typed}\` is not a ${cli.program} command.${hint}` };
}

/** The commands one word below `path` (a command's own path: the answer is kept by path). */
function childrenOf(cli: CliSurface, path: readonly string[]): CommandSpec[] {
  const children = indexOf(cli).children;
  let found = children.get(path);
  if (!found) {
    found = cli.commands.filter((command) => command.path.length === path.length + 1 && path.every((part, k) => command.path[k] === part));
    children.set(path, found);
  }
  return found;
}

function namesOf(command: CommandSpec): string[] {
  return [lastWord(command), ...(command.aliases ?? [])];
}

function lastWord(command: CommandSpec): string {
  return command.path[command.path.length - 1] ?? '';
}
