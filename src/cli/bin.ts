import { processIo } from './io.js';
import { main } from './main.js';

// A reader that goes away (`skillhub rules | head -1`) ends the run quietly, as git and eslint do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}

// No top-level await: the bundle of this entry is CommonJS, run with a code cache (start.ts).
void main(process.argv.slice(2), processIo()).then((code) => {
  process.exitCode = code;
});
