import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_BODY, EXAMPLE_FRONT_MATTER, EXAMPLE_ID, exampleSkill } from '../src/check/rules/example-skill.js';
import { BUILT_BIN } from './support/built-cli.js';

const BIN = BUILT_BIN;
const OTHER_ID = 'popiskill-image-text2image-other-v1';

interface PublishDiagnostics {
  uri: string;
  diagnostics: Array<{ range: { start: { line: number; character: number } }; code: string; severity: number; message: string }>;
}

let root = '';
let child: ChildProcessWithoutNullStreams;
let connection: MessageConnection;
const published: PublishDiagnostics[] = [];
let waiters: Array<() => void> = [];

function nextDiagnostics(uri: string): Promise<PublishDiagnostics> {
  const seen = published.length;
  return new Promise((resolve) => {
    const check = () => {
      const found = published.slice(seen).find((entry) => entry.uri === uri);
      if (found) resolve(found);
      else waiters.push(check);
    };
    check();
  });
}

const skillPath = (id: string) => path.join(root, 'skills', id, 'SKILL.md');
let uri = '';
// The body refers to the other skill, so go-to-definition has a target.
const BODY = EXAMPLE_BODY.replace('- Keep prompts short.', `- Keep prompts short; for variants see ${OTHER_ID}.`);
const TEXT = exampleSkill({ frontMatter: EXAMPLE_FRONT_MATTER.replace('version: v1', 'version: v2'), body: BODY });

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'skillhub-lsp-'));
  for (const [id, text] of [
    [EXAMPLE_ID, exampleSkill({ body: BODY })],
    [OTHER_ID, exampleSkill({ frontMatter: EXAMPLE_FRONT_MATTER.replace(EXAMPLE_ID, OTHER_ID), body: EXAMPLE_BODY.split(EXAMPLE_ID).join(OTHER_ID) })],
  ] as const) {
    await mkdir(path.dirname(skillPath(id)), { recursive: true });
    await writeFile(skillPath(id), text);
  }
  uri = pathToFileURL(skillPath(EXAMPLE_ID)).href;
  child = spawn(process.execPath, [BIN, 'lsp', '--stdio'], { cwd: root });
  connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnostics) => {
    published.push(params);
    const pending = waiters;
    waiters = [];
    for (const waiter of pending) waiter();
  });
  connection.listen();
});

afterAll(async () => {
  connection?.dispose();
  child?.kill();
  await rm(root, { recursive: true, force: true });
});

describe('skillhub lsp, driven over its protocol', { timeout: 120_000 }, () => {
  it('initializes with its capabilities', async () => {
    const result = (await connection.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(root).href, capabilities: {} })) as {
      capabilities: Record<string, unknown>;
    };
    expect(result.capabilities).toMatchObject({ hoverProvider: true, definitionProvider: true, completionProvider: { triggerCharacters: ['`', '"'] } });
    await connection.sendNotification('initialized', {});
  });

  it('publishes diagnostics of the unsaved text on open, in the catalog context, and again on change', async () => {
    const opened = nextDiagnostics(uri);
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: TEXT } });
    const first = await opened;
    expect(first.diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character, d.severity, d.message])).toEqual([
      ['version-matches-name', 6, 9, 1, '`version` is `v2` but the name ends in `-v1`: make them agree.'],
    ]);
    const changed = nextDiagnostics(uri);
    // A reference to a skill that is not in the catalog: only the catalog phase can say so.
    const text = TEXT.replace(`see ${OTHER_ID}`, 'see popiskill-image-text2image-missing-v1');
    await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text }] });
    const second = await changed;
    expect(second.diagnostics.map((d) => d.code).sort()).toEqual(['skill-reference-unknown', 'version-matches-name']);
    const back = nextDiagnostics(uri);
    await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ text: TEXT }] });
    expect((await back).diagnostics.map((d) => d.code)).toEqual(['version-matches-name']);
  });

  it('offers the rule fix as a quick fix', async () => {
    const diagnostic = published.filter((entry) => entry.uri === uri).at(-1)?.diagnostics[0];
    const actions = (await connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 6, character: 9 }, end: { line: 6, character: 11 } },
      context: { diagnostics: [diagnostic] },
    })) as Array<{ kind: string; edit: { changes: Record<string, Array<{ range: unknown; newText: string }>> } }>;
    expect(actions).toHaveLength(1);
    expect(actions[0]?.kind).toBe('quickfix');
    expect(actions[0]?.edit.changes[uri]).toEqual([{ range: { start: { line: 6, character: 9 }, end: { line: 6, character: 11 } }, newText: 'v1' }]);
  });

  it('hovers a field name with its description and derived type', async () => {
    const line = TEXT.split('\n').findIndex((text) => text.startsWith('- `prompt`'));
    const hover = (await connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character: 4 } })) as {
      contents: { kind: string; value: string };
    };
    expect(hover.contents.kind).toBe('markdown');
    expect(hover.contents.value.split('\n')[0]).toBe('**`prompt`** (required input)');
    expect(hover.contents.value).toContain('- type: `string`');
  });

  it('completes vocabulary fields in an input section and payload keys in the template', async () => {
    const lines = TEXT.split('\n');
    const optional = lines.findIndex((text) => text.startsWith('- `aspect_ratio`'));
    const inputs = (await connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: optional, character: 3 } })) as Array<{ label: string }>;
    const labels = inputs.map((item) => item.label);
    expect(labels).toContain('negative_prompt');
    expect(labels).not.toContain('prompt');
    const inTemplate = lines.findIndex((text) => text.includes('"prompt": "a lighthouse at dawn"'));
    const keys = (await connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: inTemplate, character: 3 } })) as Array<{ label: string }>;
    expect(keys.map((item) => item.label)).toEqual(['prompt', 'aspect_ratio']);
  });

  it('goes from a skill id to its SKILL.md', async () => {
    const line = TEXT.split('\n').findIndex((text) => text.includes(`see ${OTHER_ID}`));
    const character = (TEXT.split('\n')[line] as string).indexOf(OTHER_ID) + 5;
    const location = await connection.sendRequest('textDocument/definition', { textDocument: { uri }, position: { line, character } });
    expect(location).toEqual({ uri: pathToFileURL(skillPath(OTHER_ID)).href, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } });
  });

  it('shuts down and exits 0 when asked', async () => {
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
    expect(await exited).toBe(0);
  });
});
