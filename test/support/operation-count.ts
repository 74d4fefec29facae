import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { promisify } from 'node:util';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const CHILD = fileURLToPath(new URL('./operation-count-child.mjs', import.meta.url));

/**
 * The JavaScript operations (function calls and block executions, as V8's block coverage counts
 * them) one run of a case from scaling-cases.mjs executes at each size. Unlike time, a count is the
 * same on a busy and on a quiet machine. WebAssembly and the engine's built-ins are not counted.
 */
export async function operationCounts(caseName: string, sizes: readonly number[]): Promise<number[]> {
  const folder = await mkdtemp(path.join(tmpdir(), 'skillhub-operations-'));
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [CHILD, caseName, ...sizes.map(String)], {
      env: { ...process.env, NODE_V8_COVERAGE: folder },
      encoding: 'utf8',
      timeout: 300_000,
    });
    return JSON.parse(stdout) as number[];
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
