import { describe, expect, it } from 'vitest';
import { createAjv } from '../src/check/environment.js';
import { loadPopiartCli } from '../src/check/commands/cli-surface.js';
import { dequoteWord } from '../src/check/commands/dequote.js';
import { matchPopiartCommand, type MatchMode } from '../src/check/commands/match-command.js';
import { parseShellScript, type ShellParse } from '../src/check/commands/shell-words.js';
import { readProjectJson } from '../src/core/project-files.js';
import type { EmbeddedText } from '../src/check/payload/embedded-text.js';
import { crossCheck, frontMatterLines } from './commands-fixtures.js';

const ID = 'popiskill-image-text2image-fixture-v1';
const cli = loadPopiartCli();

function plain(text: string): EmbeddedText {
  return { text, toFile: (index) => index };
}

function commands(script: string): Array<Array<{ value: string; opaque: boolean }>> {
  const parsed = parseShellScript(plain(script));
  if (parsed.ok !== true) throw new Error(`did not parse: ${JSON.stringify(parsed)}`);
  return parsed.commands.map((command) => command.words.map(({ value, opaque }) => ({ value, opaque })));
}

function values(script: string): string[][] {
  return commands(script).map((words) => words.map((word) => word.value));
}

function problems(line: string, mode: MatchMode = 'command'): string[] {
  const parsed = parseShellScript(plain(line));
  if (parsed.ok !== true) throw new Error(`did not parse: ${line}`);
  const [command] = parsed.commands;
  if (!command) throw new Error(`no command: ${line}`);
  return matchPopiartCommand(command.words, cli, mode).problems.map(
    (problem) => `${problem.kind} @${command.words[problem.word]?.raw ?? '?'}: ${problem.message}`,
  );
}

describe('shell words', () => {
  it('splits commands with quotes, continuations, comments, pipes and lists', () => {
    expect(values(`popiart run x --input '{"a": 1}' \\\n  --wait # then\npopiart jobs list | jq . && echo "done; ok"`)).toEqual([
      ['popiart', 'run', 'x', '--input', '{"a": 1}', '--wait'],
      ['popiart', 'jobs', 'list'],
      ['jq', '.'],
      ['echo', 'done; ok'],
    ]);
  });

  it('removes double quotes and escapes, and keeps each character mapped to where it was written', () => {
    const script = `popiart run x -i "{\\"prompt\\": \\"b\\"}"`;
    const parsed = parseShellScript(plain(script)) as Extract<ShellParse, { ok: true }>;
    const input = parsed.commands[0]?.words[4];
    expect(input?.value).toBe('{"prompt": "b"}');
    const b = input?.value.indexOf('b') ?? -1;
    expect(input?.valueText.toFile(b)).toBe(script.indexOf('b\\"}'));
    expect(input?.valueText.toFile(0)).toBe(script.indexOf('{'));
  });

  it('keeps variables and command substitutions opaque, and finds commands inside $(...)', () => {
    const script = 'JOB=$(popiart run x -i @p.json --async)\npopiart jobs wait "$JOB" --interval $MS';
    expect(commands(script)).toEqual([
      [
        { value: 'popiart', opaque: false },
        { value: 'run', opaque: false },
        { value: 'x', opaque: false },
        { value: '-i', opaque: false },
        { value: '@p.json', opaque: false },
        { value: '--async', opaque: false },
      ],
      [
        { value: 'popiart', opaque: false },
        { value: 'jobs', opaque: false },
        { value: 'wait', opaque: false },
        { value: '$JOB', opaque: true },
        { value: '--interval', opaque: false },
        { value: '$MS', opaque: true },
      ],
    ]);
    const parsed = parseShellScript(plain(script)) as Extract<ShellParse, { ok: true }>;
    expect(parsed.commands[0]?.words[2]?.start).toBe(script.indexOf('x'));
  });

  it('reads <placeholders> as words, not redirections, and skips here-document bodies', () => {
    expect(values('popiart artifacts pull <artifact-id> -o <out>.png\ncat <<EOF\npopiart not a command\nEOF\npopiart jobs list')).toEqual([
      ['popiart', 'artifacts', 'pull', '<artifact-id>', '-o', '<out>.png'],
      ['cat'],
      ['popiart', 'jobs', 'list'],
    ]);
  });

  it('reads constructs that span lines whole: if, loops, case, groups, multi-line $(...)', () => {
    expect(
      values(
        [
          'if true; then',
          '  popiart jobs list',
          'fi',
          'for f in a.png b.png; do',
          '  popiart artifacts upload "$f" --role source',
          'done',
          'JOB=$(',
          '  popiart run x -i @p.json --async',
          ')',
          'case "$1" in',
          '  a) popiart auth whoami ;;',
          'esac',
          '{ popiart auth logout',
          '}',
        ].join('\n'),
      ),
    ).toEqual([
      ['true'],
      ['popiart', 'jobs', 'list'],
      ['popiart', 'artifacts', 'upload', '$f', '--role', 'source'],
      ['popiart', 'run', 'x', '-i', '@p.json', '--async'],
      ['popiart', 'auth', 'whoami'],
      ['popiart', 'auth', 'logout'],
    ]);
  });

  it('reads a block of commands up to the 16 kB limit; a longer block is reported, not parsed', () => {
    const line = `popiart run ${ID} --input '{"prompt":"a tea shop","aspect_ratio":"16:9"}' --wait && popiart artifacts pull <artifact-id>\n`;
    const lines = Math.floor(16384 / line.length);
    const parsed = parseShellScript(plain(line.repeat(lines)));
    expect(parsed.ok === true && parsed.commands.length).toBe(2 * lines);
    expect(parseShellScript(plain(line.repeat(1200)))).toEqual({
      ok: false,
      start: 0,
      end: 1,
      message: 'a shell example longer than 16384 characters is not read; split it, and put long payloads in files',
    });
  });

  it('reports a command longer than 8 KB instead of parsing it, and reads deep nesting without overflowing', () => {
    const long = `echo ok\n  popiart run x${' -w'.repeat(3000)}\n`;
    expect(parseShellScript(plain(long))).toEqual({
      ok: false,
      start: 10,
      end: 11,
      message: 'a command longer than 8192 characters is not read; put a long payload in a file and pass `--input @file.json`',
    });
    const started = performance.now();
    expect(parseShellScript(plain(`if true; then\n${'popiart jobs list\n'.repeat(50000)}`)).ok).toBe(false);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(values(`${'('.repeat(1500)}popiart jobs list${')'.repeat(1500)}`)).toEqual([['popiart', 'jobs', 'list']]);
  });

  it('finds nothing in a block of comments', () => {
    expect(values('# popiart run x\n\n   # more')).toEqual([]);
  });

  it('reports an unclosed quote where it opens and a dangling operator at the end', () => {
    expect(parseShellScript(plain(`echo 'ok'\npopiart run x --input '{"a": 1}`))).toEqual({
      ok: false,
      start: 32,
      end: 33,
      message: "the quote ' opened here is never closed",
    });
    expect(parseShellScript(plain('popiart jobs list |'))).toEqual({
      ok: false,
      start: 18,
      end: 19,
      message: 'the command ends too early (a `|`, `&&` or `(` without what follows)',
    });
  });

  it("gives up without a finding on shell the parser does not support ($'...')", () => {
    expect(parseShellScript(plain("popiart run x --input $'{\"a\":1}'"))).toEqual({ ok: 'unsupported' });
  });
});

describe('dequoteWord', () => {
  it('follows POSIX quote removal', () => {
    expect(dequoteWord(`'a b'"c\\"d"e\\ f`)).toEqual({
      value: 'a bc"de f',
      offsets: [1, 2, 3, 6, 8, 9, 11, 13, 14],
      opaque: false,
    });
    expect(dequoteWord('"a\\\nb"').value).toBe('ab');
    expect(dequoteWord("'$HOME'").opaque).toBe(false);
    expect(dequoteWord('"$HOME"').opaque).toBe(true);
  });
});

describe('matchPopiartCommand', () => {
  it('accepts commands of the surface with global flags anywhere, = values, placeholders and variables', () => {
    for (const line of [
      `popiart --output json run ${ID} -i @p.json -w`,
      `popiart run ${ID} --input=- --priority=<priority> --idempotency-key "$KEY"`,
      'popiart jobs list --status done --limit 10 --project p1',
      'popiart artifacts list',
      'popiart artifacts pull-all <job-id> -d ./out',
      'popiart auth key show --quiet',
      'popiart skills list -t image -s "water colour" --offset 50',
      'popiart jobs get -- <job-id>',
      'popiart $SUBCOMMAND whatever --at-all',
      'popiart jobs get "$@" more',
    ]) {
      expect(problems(line), line).toEqual([]);
    }
  });

  it('reports unknown commands, flags, argument counts and flag values', () => {
    expect(problems('popiart')).toEqual([
      'unknown-command @popiart: `popiart` needs a subcommand: `artifacts`, `audio`, `auth`, `bootstrap`, `budget`, `completion`, `export-schema`, `help`, `image`, `jobs`, `mcp`, `media`, `models`, `music`, `project`, `run`, `setup`, `skills`, `speech`, `update`, `video` or `voices`.',
    ]);
    expect(problems('popiart jobz list')).toEqual([
      'unknown-command @jobz: `popiart jobz` is not a popiart command. Did you mean `popiart jobs`?',
    ]);
    expect(problems('popiart auth key')).toEqual(['unknown-command @key: `popiart auth key` needs a subcommand: `rotate`, `set` or `show`.']);
    expect(problems(`popiart run ${ID} --wait --follow`)).toEqual([
      'unknown-flag @--follow: `--follow` is not a flag of `popiart run`.',
    ]);
    expect(problems('popiart run')).toEqual(['arguments @run: `popiart run` needs <skill-id>.']);
    expect(problems('popiart artifacts list <job-id> <job-id>')).toEqual([
      'arguments @<job-id>: Unexpected argument: `popiart artifacts list` takes only [job-id].',
    ]);
    expect(problems('popiart jobs get a b')).toEqual(['arguments @b: Unexpected argument: `popiart jobs get` takes only <task-id>.']);
    expect(problems('popiart budget limits now')).toEqual([]);
    expect(problems('popiart jobs list --status finished --offset')).toEqual([
      'flag-value @finished: `--status` must be one of `pending`, `running`, `done`, `failed` or `cancelled`, got "finished".',
      'flag-value @--offset: `--offset` needs a value (<string>).',
    ]);
    expect(problems('popiart video seedance --frames ten --duration 1.5 --seed 1.5')).toEqual([
      'flag-value @ten: `--frames` must be a whole number, got "ten".',
      'flag-value @1.5: `--seed` must be a whole number, got "1.5".',
    ]);
    expect(problems('popiart video --duration five --fps 24')).toEqual(['flag-value @five: `--duration` must be a number, got "five".']);
    expect(problems('popiart artifacts upload ./a.png --visibility=secret --output yaml')).toEqual([
      'flag-value @--visibility=secret: `--visibility` must be one of `private`, `unlisted` or `public`, got "secret".',
      'flag-value @yaml: `--output` must be one of `json` or `plain`, got "yaml".',
    ]);
    expect(problems(`popiart run ${ID} --wait=true --async=False --quiet=yes`)).toEqual([
      'flag-value @--quiet=yes: `--quiet` takes no value (at most `=true` or `=false`), got "yes".',
    ]);
  });

  it('accepts --help and -h on every command, popiart --help, and --version or -v on the program only', () => {
    for (const line of ['popiart --help', 'popiart -h', 'popiart --version', 'popiart -v', 'popiart run --help', 'popiart run -h', 'popiart jobs --help', 'popiart auth key set -h', 'popiart models route-override set --help', 'popiart help run']) {
      expect(problems(line), line).toEqual([]);
    }
    expect(problems(`popiart run ${ID} --version`)).toEqual(['unknown-flag @--version: `--version` is not a flag of `popiart run`.']);
    expect(problems(`popiart -v run ${ID}`)).toEqual(['unknown-flag @-v: `-v` is not a flag of `popiart run`. Did you mean `-h`?']);
    // `update` has a --version of its own.
    expect(problems('popiart update --version v2')).toEqual([]);
  });

  it('follows aliases, accepts global flags on every command, optional arguments and runnable groups', () => {
    for (const line of [
      'popiart auth key set "$POPIART_KEY"',
      'popiart auth token set "$POPIART_KEY"',
      'popiart auth token show',
      'popiart video dreamactor --video v.mp4 --image i.png',
      'popiart video doubao-seedance --prompt x --draft',
      'popiart jobs get <job-id> --endpoint https://api.example.com --project p1 --output plain --plain --non-interactive --quiet --yes --dry-run --async --no-color',
      'popiart --no-color --endpoint https://api.example.com artifacts pull <artifact-id> -o out.png',
      'popiart image',
      'popiart image "a lighthouse at dawn" --aspect-ratio 16:9',
      'popiart image generate --prompt x',
      'popiart artifacts list',
      'popiart project get',
    ]) {
      expect(problems(line), line).toEqual([]);
    }
    expect(problems('popiart auth token set')).toEqual(['arguments @set: `popiart auth key set` needs <key>.']);
    expect(problems('popiart auth tokn show')).toEqual([
      'unknown-command @tokn: `popiart auth tokn` is not a popiart command. Did you mean `popiart auth token`?',
    ]);
    expect(problems('popiart image "a" "b"')).toEqual(['arguments @"b": Unexpected argument: `popiart image` takes only [prompt].']);
  });

  it('reads shorthands run together as pflag does: -wi <value>, -i<value>, -i=<value>, -w=true', () => {
    for (const line of [`popiart run ${ID} -wi @p.json`, `popiart run ${ID} -i@p.json -w`, `popiart run ${ID} -i=- -w=true`, 'popiart artifacts pull a -o./x.png', 'popiart -hv']) {
      expect(problems(line), line).toEqual([]);
    }
    expect(problems(`popiart run ${ID} -wi`)).toEqual(['flag-value @-wi: `--input` needs a value (<string>).']);
    expect(problems(`popiart run ${ID} -iw`)).toEqual([
      'flag-value @-iw: `--input` takes inline JSON, `@file.json` or `-` (standard input), got "w".',
    ]);
    expect(problems(`popiart run ${ID} -wz`)).toEqual(['unknown-flag @-wz: `-z` is not a flag of `popiart run`. Did you mean `-h`?']);
    expect(problems(`popiart run ${ID} -w=yes`)).toEqual(['flag-value @-w=yes: `--wait` takes no value (at most `=true` or `=false`), got "yes".']);
  });

  it('accepts hidden flags without suggesting them, warns on deprecated ones, and demands required ones', () => {
    expect(problems('popiart auth login --token "$T"')).toEqual([]);
    expect(problems('popiart music --genre folk --bpm 90 --instrumental')).toEqual([]);
    expect(problems('popiart auth login --tokn x')).toEqual(['unknown-flag @--tokn: `--tokn` is not a flag of `popiart auth login`.']);
    expect(problems('popiart models routes --skill-type image')).toEqual([
      'deprecated-flag @--skill-type: `--skill-type` is deprecated: use `--route` instead.',
    ]);
    expect(problems('popiart models route-override set --route r')).toEqual([
      'arguments @set: `popiart models route-override set` needs the flags `--model` and `--project`.',
    ]);
    expect(problems('popiart models route-override set --route r --model m --project p')).toEqual([]);
  });

  it('reads a mention: path and flags must exist, arguments, required flags and subcommands are not demanded', () => {
    const mention = (line: string) => problems(line, 'mention');
    for (const line of ['popiart artifacts pull', 'popiart run', 'popiart jobs', 'popiart models route-override set', 'popiart auth key set']) {
      expect(mention(line), line).toEqual([]);
    }
    expect(mention('popiart artifacts pull --stdot')).toEqual([
      'unknown-flag @--stdot: `--stdot` is not a flag of `popiart artifacts pull`. Did you mean `--stdout`?',
    ]);
    expect(mention('popiart jobs get a b')).toEqual(['arguments @b: Unexpected argument: `popiart jobs get` takes only <task-id>.']);
    expect(mention('popiart jobs stauts')).toEqual([
      'unknown-command @stauts: `popiart jobs stauts` is not a popiart command. `popiart jobs` has `cancel`, `get`, `list`, `logs` or `wait`.',
    ]);
  });

  it('skips placeholders: <...>, {...}, ..., [options] and variables, as a command word or an argument', () => {
    for (const line of [
      'popiart <command>',
      'popiart <command> --help',
      'popiart {command} --anything',
      'popiart $COMMAND',
      'popiart jobs <subcommand>',
      'popiart run ...',
      'popiart run … --wait',
      'popiart run {skill_id} --input @params.json',
      'popiart run $SKILL --input @params.json',
      'popiart run <skill-id> [options]',
      'popiart jobs get ... ...',
      'popiart jobs list --status {status} --limit <n>',
    ]) {
      expect(problems(line), line).toEqual([]);
    }
  });
});

describe('schemas/popiart-cli.json', () => {
  it('is valid against its own JSON Schema', () => {
    const validate = createAjv().compile(readProjectJson('popiart-cli.schema.json') as object);
    expect(validate(readProjectJson('popiart-cli.json')), JSON.stringify(validate.errors)).toBe(true);
  });

  it('lists each command once, and every documented example parses as that command without a problem', () => {
    const paths = cli.commands.map((command) => command.path.join(' '));
    expect(new Set(paths).size).toBe(paths.length);
    for (const command of cli.commands) {
      for (const example of command.examples ?? []) {
        const parsed = parseShellScript(plain(example));
        expect(parsed.ok, example).toBe(true);
        if (parsed.ok !== true) continue;
        expect(parsed.commands, example).toHaveLength(1);
        const matched = matchPopiartCommand(parsed.commands[0]?.words ?? [], cli);
        expect(matched.spec?.path, example).toEqual(command.path);
        expect(matched.problems, example).toEqual([]);
      }
    }
  });

  it('is the real CLI as generated by npm run cli-surface: 22 top-level commands, 10 global flags, --help, --version, aliases, hidden and deprecated flags', () => {
    const top = cli.commands.filter((command) => command.path.length === 1).map((command) => command.path[0]);
    expect(top).toHaveLength(22);
    expect(top).toEqual(expect.arrayContaining(['run', 'jobs', 'artifacts', 'skills', 'auth', 'image', 'video', 'music', 'models', 'help']));
    expect(cli.globalFlags.map((flag) => flag.name)).toEqual([
      '--async',
      '--dry-run',
      '--endpoint',
      '--help',
      '--no-color',
      '--non-interactive',
      '--output',
      '--plain',
      '--project',
      '--quiet',
      '--yes',
    ]);
    const spec = (path: string) => cli.commands.find((command) => command.path.join(' ') === path);
    expect(spec('')?.flags).toEqual([expect.objectContaining({ name: '--version', short: '-v', action: 'version' })]);
    expect(spec('auth key')?.aliases).toEqual(['token']);
    expect(spec('video action-transfer')?.aliases).toEqual(['dreamactor', 'motion-transfer']);
    expect(spec('auth login')?.flags.find((flag) => flag.name === '--token')?.hidden).toBe(true);
    expect(spec('models routes')?.flags.find((flag) => flag.name === '--skill-type')?.deprecated?.replacement).toBe('--route');
    expect(spec('image')).toMatchObject({ runnable: true, positionals: [{ name: 'prompt', required: false }], args: { min: 0, max: 1 } });
    expect(spec('jobs')?.runnable).toBe(false);
  });

  it('has the flags with fixed choices that issue 4 names', () => {
    const choices = (path: string, flag: string) =>
      cli.commands.find((command) => command.path.join(' ') === path)?.flags.find((f) => f.name === flag)?.value?.choices;
    expect(choices('run', '--priority')).toEqual(['low', 'normal', 'high']);
    expect(choices('artifacts upload', '--role')).toEqual(['source', 'mask', 'reference']);
    expect(choices('artifacts upload', '--visibility')).toEqual(['private', 'unlisted', 'public']);
    expect(choices('jobs list', '--status')).toEqual(['pending', 'running', 'done', 'failed', 'cancelled']);
  });
});

/** Lines 12-22 of every fixture: the inputs the payloads are checked against. */
const INPUTS = [
  '# Fixture Skill',
  '',
  '## Required input',
  '',
  '- `prompt`: what to make',
  '',
  '## Optional input',
  '',
  '- `strength`: how far to move',
  '- `aspect_ratio`: framing',
  '',
];

describe('commands in a SKILL.md, end to end', () => {
  const lines = [
    ...frontMatterLines(ID),
    ...INPUTS,
    '## Command pattern', // 23
    '',
    '```bash', // 25
    `popiart run ${ID} \\`,
    "  --input '{",
    '    "prompt": "a lighthouse",',
    '    "strength": "high",', // 29
    '    "aspct_ratio": "16:9"', // 30
    "  }' \\",
    '  --wait --priorty high', // 32
    '```',
    '',
    '## Payload template',
    '',
    '```json',
    '{"prompt": "a lighthouse"}',
    '```',
    '',
  ];
  const expected = [
    `${ID}/SKILL.md:29:17 run-input \`strength\` must be a number from 0 to 1, got the string "high".`,
    `${ID}/SKILL.md:30:5 run-input \`aspct_ratio\` is not an input of this skill. Did you mean \`aspect_ratio\`?`,
    `${ID}/SKILL.md:32:10 cli-unknown-flag \`--priorty\` is not a flag of \`popiart run\`. Did you mean \`--priority\`?`,
  ];

  it('points into a multi-line --input with a line continuation, in a CRLF file', () => {
    expect(crossCheck({ [`${ID}/SKILL.md`]: lines.join('\r\n') })).toEqual(expected);
  });

  it('gives the same positions when CRLF and LF endings are mixed', () => {
    const mixed = lines.map((line, index) => line + (index % 2 === 0 ? '\r\n' : '\n')).join('');
    expect(crossCheck({ [`${ID}/SKILL.md`]: mixed })).toEqual(expected);
  });

  it('checks blocks inside list items and block quotes, and commands in inline code spans', () => {
    const text = [
      ...frontMatterLines(ID),
      ...INPUTS,
      '## Workflow', // 23
      '',
      '1. Upload the source:',
      '',
      '   ```sh',
      '   popiart artifacts upload ./in.png --role sorce', // 28
      '   ```',
      '',
      '2. Run it:',
      '',
      '   > ```sh',
      `   > popiart run ${ID} -i "{\\"prompt\\": 5, \\"strength\\": 2}"`, // 34
      '   > ```',
      '',
      '## Operating guidance',
      '',
      '- Follow the job with `popiart jobs wach <job-id>` or', // 39
      '  `popiart jobs get', // 40
      '  <job-id> extra`.', // 41
      '',
    ].join('\n');
    expect(crossCheck({ [`${ID}/SKILL.md`]: text })).toEqual([
      `${ID}/SKILL.md:28:45 cli-flag-value \`--role\` must be one of \`source\`, \`mask\` or \`reference\`, got "sorce". Did you mean \`source\`?`,
      `${ID}/SKILL.md:34:73 run-input \`prompt\` must be a non-empty string, got the number 5.`,
      `${ID}/SKILL.md:34:90 run-input \`strength\` must be a number from 0 to 1, got the number 2.`,
      `${ID}/SKILL.md:39:37 cli-unknown-command \`popiart jobs wach\` is not a popiart command. Did you mean \`popiart jobs wait\`?`,
      `${ID}/SKILL.md:41:12 cli-arguments Unexpected argument: \`popiart jobs get\` takes only <task-id>.`,
    ]);
  });

  it('accepts files, stdin, placeholders and variables as values', () => {
    const text = [
      ...frontMatterLines(ID),
      ...INPUTS,
      '## Command pattern',
      '',
      '```sh',
      `popiart run ${ID} --input=@params.json --wait`,
      `cat params.json | popiart run ${ID} -i - --priority <priority>`,
      `popiart run <skill-id> --input '{"anything": true}'`,
      `popiart run "$SKILL" --input "$PAYLOAD"`,
      `popiart run ${ID} --input '{"prompt": "<prompt>", "strength": "<strength>"}'`,
      `popiart run ${ID} --input '{...}' --wait`,
      `popiart run {skill_id} --input '{ … }'`,
      'popiart artifacts pull "$(popiart artifacts list <job-id> --output json | jq -r .[0].id)" -o out.png',
      '```',
      '',
      'Or in prose: `popiart jobs logs <job-id> --follow`.',
      '',
    ].join('\n');
    expect(crossCheck({ [`${ID}/SKILL.md`]: text })).toEqual([]);
  });

  it('runs blocks and the Command pattern in full, reads prose spans as mentions, and skips placeholders', () => {
    const text = [
      ...frontMatterLines(ID),
      ...INPUTS,
      '## Command pattern', // 23
      '',
      '```sh',
      `popiart run ${ID} --input @params.json --wait --no-color`, // 26: a global flag on a subcommand
      '```',
      '',
      '- Inline here runs in full: `popiart artifacts pull`', // 29
      '',
      '## Workflow',
      '',
      '```bash',
      'popiart --help', // 34
      'popiart run --help',
      'popiart auth key set "$POPIART_KEY"',
      'popiart auth token show', // 37: an alias of `auth key`
      'popiart auth login --token "$POPIART_KEY"', // 38: a hidden flag
      'popiart models routes --skill-type image', // 39: a deprecated flag
      'popiart auth key set', // 40
      '```',
      '',
      '## Operating guidance',
      '',
      '- Pull outputs with `popiart artifacts pull` and follow with `popiart jobs logs --follow`.', // 45
      '- See `popiart jobs` for more; `popiart artifacts pull --stdot` is a typo.', // 46
      '- Run `popiart run ...`, `popiart run {skill_id}`, `popiart run $SKILL -i @p.json` or `popiart <command> --help`.', // 47
      '',
    ].join('\n');
    expect(crossCheck({ [`${ID}/SKILL.md`]: text })).toEqual([
      `${ID}/SKILL.md:29:48 cli-arguments \`popiart artifacts pull\` needs <artifact-id>.`,
      `${ID}/SKILL.md:39:23 cli-deprecated-flag \`--skill-type\` is deprecated: use \`--route\` instead.`,
      `${ID}/SKILL.md:40:18 cli-arguments \`popiart auth key set\` needs <key>.`,
      `${ID}/SKILL.md:46:56 cli-unknown-flag \`--stdot\` is not a flag of \`popiart artifacts pull\`. Did you mean \`--stdout\`?`,
    ]);
  });

  it('reports a snippet that does not parse once, and checks the other snippets', () => {
    const text = [
      ...frontMatterLines(ID),
      ...INPUTS,
      '## Command pattern',
      '',
      '```sh',
      `popiart run ${ID} --input '{"prompt": "x"}' && && echo done`, // 26
      '```',
      '',
      '```shell',
      'popiart jobs lsit', // 30
      '```',
      '',
    ].join('\n');
    expect(crossCheck({ [`${ID}/SKILL.md`]: text })).toEqual([
      `${ID}/SKILL.md:26:1 command-syntax This shell example does not parse: unexpected \`&&\` on this line.`,
      `${ID}/SKILL.md:30:14 cli-unknown-command \`popiart jobs lsit\` is not a popiart command. Did you mean \`popiart jobs list\`?`,
    ]);
  });
});
