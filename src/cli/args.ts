import { parseArgs, type ParseArgsConfig } from 'node:util';
import { closestMatches } from '../core/suggest.js';
import { UsageError } from '../load/discover.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** node:util parseArgs, with its errors turned into one-line usage errors (exit code 2). */
export interface ParsedArgs {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

export function parseCommandArgs(argv: string[], options: Options): ParsedArgs {
  try {
    const { values, positionals } = parseArgs({ args: joinNegativeNumbers(argv, options), options, allowPositionals: true, allowNegative: true, strict: true });
    return { values: values as ParsedArgs['values'], positionals };
  } catch (error) {
    throw new UsageError(describeParseError(error as Error & { code?: string }, options));
  }
}

/** `--max-warnings -1`: parseArgs takes a value that starts with `-` only as `--flag=-1`. */
function joinNegativeNumbers(argv: string[], options: Options): string[] {
  const joined: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] as string;
    const next = argv[index + 1];
    const name = arg.startsWith('--') ? arg.slice(2) : undefined;
    if (name !== undefined && options[name]?.type === 'string' && next !== undefined && /^-\d+$/.test(next)) {
      joined.push(`${arg}=${next}`);
      index++;
    } else {
      joined.push(arg);
    }
  }
  return joined;
}

function optionNames(options: Options): string[] {
  return Object.entries(options).flatMap(([name, option]) => [`--${name}`, ...(option.short ? [`-${option.short}`] : [])]);
}

function describeParseError(error: Error & { code?: string }, options: Options): string {
  const quoted = /'(-[^' ]*)/.exec(error.message)?.[1];
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && quoted !== undefined) {
    const [best] = closestMatches(quoted.replace(/=.*/, ''), optionNames(options), 1);
    return best === undefined ? `Unknown option \`${quoted}\` (see --help)` : `Unknown option \`${quoted}\`; did you mean \`${best}\`?`;
  }
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && quoted !== undefined) {
    // "Option '-f, --format <value>' argument missing": name the long form.
    const flag = /--[\w-]+/.exec(error.message)?.[0] ?? quoted;
    if (/argument missing/.test(error.message)) return `\`${flag}\` needs a value`;
    if (/does not take an argument/.test(error.message)) return `\`${flag}\` takes no value`;
    return `\`${flag}\`: ${error.message.split('\n')[0]}`;
  }
  return error.message.split('\n')[0] ?? error.message;
}

/** At most `max` positional arguments; more is a usage error rather than silently dropped. */
export function expectPositionals(args: ParsedArgs, max: number, what: string): void {
  if (args.positionals.length <= max) return;
  const surplus = args.positionals.slice(max).map((arg) => `"${arg}"`).join(', ');
  throw new UsageError(`unexpected argument${args.positionals.length - max === 1 ? '' : 's'} ${surplus} (${what})`);
}

export function parseNonNegativeInteger(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`${flag} expects a whole number, got "${value}"`);
  return Number(value);
}

export function parseChoice<T extends string>(value: string | undefined, flag: string, choices: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!(choices as readonly string[]).includes(value)) {
    const [best] = closestMatches(value, choices, 1);
    throw new UsageError(`${flag} must be one of ${choices.join(', ')}; got "${value}"${best === undefined ? '' : `; did you mean \`${best}\`?`}`);
  }
  return value as T;
}

export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const value = args.values[name];
  return typeof value === 'string' ? value : undefined;
}

export function booleanOption(args: ParsedArgs, name: string): boolean {
  return args.values[name] === true;
}

/** true, false, or undefined when neither `--name` nor `--no-name` was given. */
export function tristateOption(args: ParsedArgs, name: string): boolean | undefined {
  const value = args.values[name];
  return typeof value === 'boolean' ? value : undefined;
}
