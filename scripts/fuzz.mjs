#!/usr/bin/env node
// npm run fuzz -- --count N --seed S: the fuzz properties of test/fuzz.test.ts on N generated
// documents (default 10,000) from seed S (default: the time). A failing input is saved under
// test/fuzz/reproducers/ and replayed by every later `npm test`. The operation-count scaling ratios of
// test/scaling.test.ts run here too (they also run in every `npm test`).
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { count: { type: 'string', default: '10000' }, seed: { type: 'string', default: String(Date.now() % 2 ** 31) } } });
const count = Number(values.count);
const seed = Number(values.seed);
if (!Number.isSafeInteger(count) || count < 1 || !Number.isSafeInteger(seed)) {
  console.error('usage: npm run fuzz -- [--count N] [--seed S]');
  process.exit(2);
}
const run = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', 'test/fuzz.test.ts', 'test/scaling.test.ts'], {
  stdio: 'inherit',
  env: { ...process.env, SKILLHUB_FUZZ_COUNT: String(count), SKILLHUB_FUZZ_SEED: String(seed), SKILLHUB_FUZZ_REPORT: '1' },
});
process.exit(run.status ?? 1);
