import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../core/worker-threads.js';
import type { CatalogFileWriter } from './staged-writer.js';

/** What the writer thread is sent: a batch of operations (with the bytes its writes take), or the end. */
export type WriterMessage = { ops: Array<string | number>; buffer: ArrayBuffer | undefined } | { finish: true };
/** What it answers: a batch's buffer handed back, the first failure, or the digest at the end. */
export type WriterReply =
  | { returned: ArrayBuffer }
  | { error: { message: string; code?: string; errno?: number; syscall?: string; path?: string } }
  | { digest: string };

const WORKER_FILE = new URL('./catalog-writer-worker.js', import.meta.url);
const CHUNK_BYTES = 1 << 20;
/** Batches the thread may hold at once: what waits for the disk is at most this many chunks. */
const MAX_OUTSTANDING = 8;

/** The writer thread needs the compiled worker; from TypeScript sources (tests) StagedWriter is used instead. */
export function canUseWriterThread(workerFile: URL = WORKER_FILE): boolean {
  return existsSync(fileURLToPath(workerFile));
}

/**
 * Writes a fresh staging folder from a thread of its own (catalog-writer-worker.ts): this thread
 * encodes each file's pieces to UTF-8 once into 1 MB chunks and sends a chunk (transferred, not
 * copied) with the operations that use it (mkdir, open, write, close) when it is full; the writer
 * thread runs them in order with plain synchronous calls and digests the headers and bytes, so
 * the system calls (about 100 µs each on ext4) and the SHA-256 run on the other core while this
 * one makes the next files, with one message per megabyte instead of a thread-pool round trip per
 * call. At most MAX_OUTSTANDING chunks wait for the disk: `append` and `end` return false when the
 * caller should `await room()`. Each folder is made once, after its parent; the staging folder
 * must exist and be empty. The first failure is thrown by the next call, and by `finish()`, which
 * returns only after the thread has closed its file and stopped.
 */
export class ThreadWriter implements CatalogFileWriter {
  private readonly folders: Set<string>;
  private readonly worker: Worker;
  private readonly free: Buffer[] = [];
  private ops: Array<string | number> = [];
  private chunk: Buffer | undefined;
  private used = 0;
  /** The start of the last write in `ops` (its end is `used`), when it may grow. */
  private lastWrite = -1;
  private outstanding = 0;
  private failure: { error: Error } | undefined;
  private digest: string | undefined;
  private stopped = false;
  private wake: (() => void) | undefined;

  constructor(
    private readonly staging: string,
    workerFile: URL = WORKER_FILE,
  ) {
    this.folders = new Set([staging]);
    this.worker = startWorker(workerFile, {});
    this.worker.on('message', (reply: WriterReply) => {
      if ('returned' in reply) {
        this.outstanding--;
        if (reply.returned.byteLength === CHUNK_BYTES) this.free.push(Buffer.from(reply.returned));
      } else if ('error' in reply) this.fail(Object.assign(new Error(reply.error.message), reply.error));
      else this.digest = reply.digest;
      this.notify();
    });
    this.worker.on('error', (error) => {
      this.fail(error);
      this.notify();
    });
    this.worker.on('exit', () => {
      this.stopped = true;
      if (this.digest === undefined) this.fail(new Error('the catalog writer thread stopped before it finished'));
      this.notify();
    });
  }

  begin(file: string, header: string): string {
    this.throwIfFailed();
    if (!file.startsWith(this.staging + path.sep)) throw new Error(`${file} is not inside ${this.staging}`);
    this.makeFolder(path.dirname(file));
    this.ops.push('o', file, header);
    this.lastWrite = -1;
    return file;
  }

  append(_job: unknown, text: string): boolean {
    this.throwIfFailed();
    if (text.length === 0) return true;
    // UTF-8 needs at most three bytes per UTF-16 unit.
    const most = text.length * 3;
    if (!this.chunk || this.chunk.length - this.used < most) {
      this.send();
      this.chunk = most <= CHUNK_BYTES ? (this.free.pop() ?? Buffer.allocUnsafeSlow(CHUNK_BYTES)) : Buffer.allocUnsafeSlow(most);
      this.used = 0;
    }
    const start = this.used;
    this.used += this.chunk.write(text, start, 'utf8');
    // Right after the file's last write in this chunk: the two go in one write (documents.json is two pieces a skill).
    if (this.lastWrite >= 0 && this.ops[this.lastWrite + 2] === start) this.ops[this.lastWrite + 2] = this.used;
    else {
      this.lastWrite = this.ops.length;
      this.ops.push('w', start, this.used);
    }
    return this.outstanding < MAX_OUTSTANDING;
  }

  end(_job: unknown): boolean {
    this.ops.push('c');
    this.lastWrite = -1;
    return this.outstanding < MAX_OUTSTANDING;
  }

  room(): Promise<void> {
    return this.until(() => this.outstanding < MAX_OUTSTANDING);
  }

  async finish(abandon = false): Promise<string> {
    if (abandon) this.fail(new Error('abandoned'));
    if (!this.stopped) {
      if (!abandon) this.send();
      this.worker.postMessage({ finish: true } satisfies WriterMessage);
      // Its answer comes after every operation sent before: then nothing is open any more.
      while (this.digest === undefined && !this.stopped) await this.next();
      if (!this.stopped) await this.worker.terminate();
    }
    this.throwIfFailed();
    return this.digest as string;
  }

  private makeFolder(folder: string): void {
    if (this.folders.has(folder)) return;
    this.makeFolder(path.dirname(folder));
    this.folders.add(folder);
    this.ops.push('m', folder);
  }

  /** Sends the operations so far, with the chunk their writes take. */
  private send(): void {
    if (this.ops.length === 0) return;
    const buffer = this.chunk?.buffer as ArrayBuffer | undefined;
    this.worker.postMessage({ ops: this.ops, buffer } satisfies WriterMessage, buffer ? [buffer] : []);
    if (buffer) this.outstanding++;
    this.ops = [];
    this.chunk = undefined;
    this.used = 0;
    this.lastWrite = -1;
  }

  /** Waits until `ready` holds, a failure, or the thread has stopped. */
  private async until(ready: () => boolean): Promise<void> {
    while (!ready() && !this.failure && !this.stopped) await this.next();
  }

  /** The next answer (or failure, or stop) of the thread. */
  private next(): Promise<void> {
    return new Promise((resolve) => {
      this.wake = resolve;
    });
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  private fail(error: Error): void {
    this.failure ??= { error };
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure.error;
  }
}
