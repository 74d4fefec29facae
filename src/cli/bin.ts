#!/usr/bin/env node
import { processIo } from './io.js';
import { main } from './main.js';

// A reader that goes away (`skillhub rules | head -1`) ends the run quietly, as git and eslint do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}

process.exitCode = await main(process.argv.slice(2), processIo());
