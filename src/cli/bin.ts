import { processIo } from './io.js';
import { main } from './main.js';
import { endQuietlyOnBrokenPipe } from './stream-errors.js';

endQuietlyOnBrokenPipe();

// No top-level await: the bundle of this entry is CommonJS, run with a code cache (start.ts).
void main(process.argv.slice(2), processIo()).then((code) => {
  process.exitCode = code;
});
