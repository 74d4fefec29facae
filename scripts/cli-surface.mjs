#!/usr/bin/env node
// npm run cli-surface -- <export.json> [<tree.json>] [--out <file>]
// Regenerates schemas/popiart-cli.json from the popiart CLI's own description of itself:
//   <export.json>  the output of `popiart export-schema --format generic`;
//   <tree.json>    optionally, the CLI's full command tree (groups, aliases, hidden and deprecated
//                  flags, optional arguments, argument counts, global flags).
// The conversion is src/surface/import-surface.ts (run from dist/, which `npm run cli-surface`
// compiles first); this script only reads, checks and writes. Exit 0 written, 1 the input is not
// usable, 2 usage. The file is written whole or not at all.
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const USAGE = 'usage: npm run cli-surface -- <export.json> [<tree.json>] [--out <file>]';

function fail(code, message) {
  process.stderr.write(`cli-surface: ${message}\n`);
  process.exit(code);
}

function parseArguments(args) {
  const files = [];
  let out = path.join(ROOT, 'schemas', 'popiart-cli.json');
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--out') {
      if (i + 1 >= args.length) fail(2, `--out needs a file\n${USAGE}`);
      out = path.resolve(args[++i]);
    } else if (arg === '--help' || arg === '-h') {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    } else if (arg.startsWith('-')) {
      fail(2, `unknown option ${arg}\n${USAGE}`);
    } else {
      files.push(arg);
    }
  }
  if (files.length < 1 || files.length > 2) fail(2, USAGE);
  return { exportFile: files[0], treeFile: files[1], out };
}

function readJson(file) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    fail(1, `cannot read ${file}: ${error.code ?? error.message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    fail(1, `${file} is not JSON: ${error.message}`);
  }
}

const { exportFile, treeFile, out } = parseArguments(process.argv.slice(2));
const { importCliSurface, cliSurfaceJson, SurfaceInputError } = await import('../dist/surface/import-surface.js');
const { createAjv } = await import('../dist/check/environment.js');

let surface;
try {
  surface = importCliSurface(readJson(exportFile), treeFile === undefined ? undefined : readJson(treeFile));
} catch (error) {
  if (error instanceof SurfaceInputError) fail(1, error.message);
  throw error;
}
const text = cliSurfaceJson(surface);
const validate = createAjv().compile(JSON.parse(readFileSync(path.join(ROOT, 'schemas', 'popiart-cli.schema.json'), 'utf8')));
if (!validate(JSON.parse(text))) fail(2, `the generated surface does not match schemas/popiart-cli.schema.json: ${JSON.stringify(validate.errors?.slice(0, 3))}`);

const temporary = `${out}.${process.pid}.tmp`;
try {
  writeFileSync(temporary, text);
  renameSync(temporary, out);
} catch (error) {
  rmSync(temporary, { force: true });
  fail(1, `cannot write ${out}: ${error.code ?? error.message}`);
}
const runnable = surface.commands.filter((command) => command.runnable).length;
process.stdout.write(
  `cli-surface: wrote ${path.relative(process.cwd(), out) || out} (${surface.commands.length - 1} commands, ${runnable} runnable, ${surface.globalFlags.length} global flags)\n`,
);
