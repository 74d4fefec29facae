#!/usr/bin/env node
// CPU time by thread of one CLI run (Linux: reads /proc/<pid>/task/*/stat every 20 ms while the run
// lasts), which a CPU profile cannot show: a profile covers one JavaScript thread, and not V8's own
// helper threads (optimising compiler, concurrent and parallel garbage collection), which Node starts
// with the process.
//
//   node scripts/thread-cpu.mjs validate /tmp/r6-10k --format json
//
// The CLI's output goes to /dev/null. Threads: `main` (the process's own), `helper` (there in the
// first sample that shows more than one thread: V8's platform threads, which Node starts with the
// process), `worker` (started later: worker threads, and libuv's thread pool when a run uses it). The last sample of a thread that ends between two samples is
// up to 20 ms short.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = path.join(ROOT, process.env.SKILLHUB_PROFILE_BIN ?? 'dist/bin/skillhub.js');
const TICKS_PER_SECOND = 100;

/** user and system ticks of each thread of `pid` now, by thread id. */
function sample(pid) {
  const threads = new Map();
  let ids;
  try {
    ids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return threads;
  }
  for (const id of ids) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${id}/stat`, 'utf8');
      // Fields after the command name, which is in parentheses and may hold spaces.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      threads.set(id, { user: Number(fields[11]), system: Number(fields[12]) });
    } catch {
      // The thread ended between the listing and the read.
    }
  }
  return threads;
}

const started = performance.now();
const child = spawn(process.execPath, [BIN, ...process.argv.slice(2)], { cwd: process.cwd(), stdio: ['ignore', 'ignore', 'inherit'] });
const seen = new Map();
let helpersKnown = false;
const timer = setInterval(() => {
  const now = (performance.now() - started) / 1000;
  const threads = sample(child.pid);
  for (const [id, ticks] of threads) {
    const known = seen.get(id) ?? { kind: id === String(child.pid) ? 'main' : helpersKnown ? 'worker' : 'helper', from: now };
    seen.set(id, { ...known, ...ticks, to: now });
  }
  helpersKnown ||= threads.size > 1;
}, 20);
child.on('exit', (code) => {
  clearInterval(timer);
  const wall = (performance.now() - started) / 1000;
  const seconds = (ticks) => ticks / TICKS_PER_SECOND;
  const totals = new Map();
  console.log(`exit ${code}, wall ${wall.toFixed(2)} s`);
  for (const [id, thread] of [...seen].sort((a, b) => Number(a[0]) - Number(b[0]))) {
    const cpu = seconds(thread.user + thread.system);
    totals.set(thread.kind, (totals.get(thread.kind) ?? 0) + cpu);
    if (cpu < 0.05) continue;
    console.log(`${thread.kind.padEnd(7)} ${id.padStart(8)}  user ${seconds(thread.user).toFixed(2).padStart(6)} s  system ${seconds(thread.system).toFixed(2).padStart(5)} s  seen ${thread.from.toFixed(2)}-${thread.to.toFixed(2)} s`);
  }
  const all = [...totals.values()].reduce((sum, cpu) => sum + cpu, 0);
  console.log(`total ${all.toFixed(2)} s CPU: ${[...totals].map(([kind, cpu]) => `${kind} ${cpu.toFixed(2)} s (${((100 * cpu) / all).toFixed(0)}%)`).join(', ')}`);
});
