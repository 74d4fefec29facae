import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import type { WriterMessage, WriterReply } from './thread-writer.js';

/**
 * The thread that makes a catalog's staging folder (ThreadWriter): it runs the batches of
 * operations it is sent, in order, with plain synchronous calls, and digests every file's header
 * and bytes as it writes them. After a failure it only closes what it opened and reports the
 * failure once. Nothing here but node's own modules, so the thread starts in a few milliseconds.
 */
const port = parentPort;
if (!port) throw new Error('catalog-writer-worker runs as a worker thread');
const hash = createHash('sha256');
let fd: number | undefined;
let failed = false;

function reply(message: WriterReply, transfer: ArrayBuffer[] = []): void {
  port?.postMessage(message, transfer);
}

function closeFile(): void {
  const open = fd;
  fd = undefined;
  if (open !== undefined) closeSync(open);
}

function fail(error: unknown): void {
  if (failed) return;
  failed = true;
  try {
    closeFile();
  } catch {
    // The first failure is the one reported.
  }
  const { message, code, errno, syscall, path } = error as NodeJS.ErrnoException;
  reply({ error: { message: String(message), ...(code ? { code } : {}), ...(errno === undefined ? {} : { errno }), ...(syscall ? { syscall } : {}), ...(path ? { path } : {}) } });
}

function run(ops: ReadonlyArray<string | number>, bytes: Buffer | undefined): void {
  for (let at = 0; at < ops.length && !failed; ) {
    const op = ops[at++];
    if (op === 'm') mkdirSync(ops[at++] as string);
    else if (op === 'o') {
      const file = ops[at++] as string;
      hash.update(ops[at++] as string);
      fd = openSync(file, 'w');
    } else if (op === 'w') {
      const part = (bytes as Buffer).subarray(ops[at++] as number, ops[at++] as number);
      hash.update(part);
      for (let written = 0; written < part.length; ) written += writeSync(fd as number, part, written);
    } else if (op === 'c') closeFile();
    else throw new Error(`unknown operation ${String(op)}`);
  }
}

port.on('message', (message: WriterMessage) => {
  if ('ops' in message) {
    try {
      run(message.ops, message.buffer ? Buffer.from(message.buffer) : undefined);
    } catch (error) {
      fail(error);
    }
    if (message.buffer) reply({ returned: message.buffer }, [message.buffer]);
    return;
  }
  try {
    closeFile();
  } catch (error) {
    fail(error);
  }
  reply({ digest: failed ? '' : hash.digest('hex') });
  port.close();
});
