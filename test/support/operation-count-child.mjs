// Runs one scaling case at each size given and prints the operations each run executed, as JSON.
// Started with NODE_V8_COVERAGE set, so V8 counts every function call and block execution from the
// process's start (what c8 reads); v8.takeCoverage() writes the counts so far and resets them.
//   node operation-count-child.mjs <case> <size>...
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import { cases } from './scaling-cases.mjs';

const folder = process.env.NODE_V8_COVERAGE;
const [name, ...sizes] = process.argv.slice(2);
const make = cases[name];
if (!folder || !make) throw new Error(`usage: NODE_V8_COVERAGE=<folder> node operation-count-child.mjs <${Object.keys(cases).join('|')}> <size>...`);

function countedSinceLastTake() {
  v8.takeCoverage();
  let total = 0;
  for (const file of readdirSync(folder)) {
    const coverage = JSON.parse(readFileSync(path.join(folder, file), 'utf8'));
    for (const script of coverage.result) for (const fn of script.functions) for (const range of fn.ranges) total += range.count;
    rmSync(path.join(folder, file));
  }
  return total;
}

const works = await Promise.all(sizes.map((size) => make(Number(size))));
for (const work of works) work(); // compiles and warms every path once, so no size pays for first use
countedSinceLastTake();
const counts = works.map((work) => {
  work();
  return countedSinceLastTake();
});
process.stdout.write(JSON.stringify(counts));
