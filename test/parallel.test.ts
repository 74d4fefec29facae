import { spawnSync } from 'node:child_process';
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_ID, exampleSkill } from '../src/check/rules/example-skill.js';
import { PARALLEL_THRESHOLD, threadCount } from '../src/check/parallel.js';
import { BUILT_BIN } from './support/built-cli.js';

const BIN = BUILT_BIN;

describe('the per-file phase in worker threads', () => {
  it('uses threads only for explicit counts or enough files', () => {
    expect(threadCount('off', 5000)).toBe(1);
    expect(threadCount('auto', PARALLEL_THRESHOLD - 1)).toBe(1);
    expect(threadCount(3, 2)).toBe(2);
    expect(threadCount(2, 10)).toBe(2);
  });

  it('gives byte-identical results with and without threads', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'skillhub-threads-'));
    for (let index = 0; index < 12; index++) {
      const id = EXAMPLE_ID.replace('-v1', `${index}-v1`);
      // Every third skill has a problem, so the comparison covers diagnostics, not only silence.
      const text = exampleSkill().replaceAll(EXAMPLE_ID, id).replace('estimated_duration_s: 60', `estimated_duration_s: ${index % 3 === 0 ? -1 : 60}`);
      await mkdir(path.join(root, id), { recursive: true });
      await writeFile(path.join(root, id, 'SKILL.md'), text);
    }
    const run = (concurrency: string) =>
      spawnSync(process.execPath, [BIN, 'validate', root, '--format', 'json', '--concurrency', concurrency], { encoding: 'utf8', timeout: 60_000 });
    const single = run('off');
    const threaded = run('3');
    expect(single.status).toBe(1);
    expect(threaded.status).toBe(1);
    expect(threaded.stderr).toBe('');
    expect(threaded.stdout).toBe(single.stdout);
    const messages = (JSON.parse(single.stdout) as Array<{ messages: Array<{ ruleId: string; line: number }> }>).flatMap((file) => file.messages);
    expect(messages.map((m) => `${m.ruleId}:${m.line}`)).toEqual(Array(4).fill('frontmatter-schema:9'));
    // Two processes, each allowed 60 s above: on a loaded 2-core machine they take over 20 s together.
  }, 120_000);
});
