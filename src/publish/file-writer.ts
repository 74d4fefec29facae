import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * A file's text already encoded to UTF-8 (made on another thread, or from such parts), with its
 * length in UTF-16 code units as the string's `length` would be.
 */
export interface EncodedText {
  bytes: Uint8Array;
  length: number;
}

/**
 * Where a catalog's files go, one at a time: each is encoded to UTF-8 once, and its bytes are
 * handed back so the caller hashes exactly what is written. A file goes to disk now (in-thread) or
 * soon (on the writer thread); `finish` resolves once every file is on disk.
 */
export interface FileWriter {
  /** Queues `contents` for `file`, making `folder` first when given; returns its bytes (read them before the next call). */
  write(file: string, contents: string | EncodedText, folder?: string): Uint8Array;
  /** True when the caller should `settle` before making more files (the writer thread is behind). */
  readonly backlogged: boolean;
  /** Resolves once the writer thread has caught up enough; rejects with its first failure. */
  settle(): Promise<void>;
  /** Resolves once every queued file is on disk; rejects with the first failure. */
  finish(): Promise<void>;
  /** Stops writing: once it resolves, nothing more is written. */
  abort(): Promise<void>;
}

/** One batch for the writer thread: its files' bytes in one buffer, and per file `[path, start, end, folder to make first]`. */
export interface WriteBatch {
  id: number;
  bytes: ArrayBuffer;
  files: Array<[string, number, number, string | undefined]>;
}

export interface WriteBatchAnswer {
  id: number;
  error?: { message: string; code?: string };
}

/** Files written in-thread before the writer thread is worth starting (a small catalog never starts it). */
export const THREAD_AFTER_FILES = 256;
/** About this many bytes per batch, and at most this many batches on their way: the memory a build holds for writes. */
const BATCH_BYTES = 1 << 20;
const BATCHES_IN_FLIGHT = 8;

const WORKER_FILE = new URL('./write-worker.js', import.meta.url);

/**
 * A writer that writes the first `threadAfter` files itself and hands the rest to a thread of its
 * own, so opening, writing and closing tens of thousands of files overlaps with making them. From
 * TypeScript sources (tests), where the compiled worker is missing, every file is written in-thread.
 */
export function createFileWriter(options: { threadAfter?: number; workerFile?: URL } = {}): FileWriter {
  const threadAfter = options.threadAfter ?? THREAD_AFTER_FILES;
  const workerFile = options.workerFile ?? WORKER_FILE;
  const here = inThreadWriter();
  let thread: FileWriter | undefined;
  let written = 0;
  const current = (): FileWriter => thread ?? here;
  return {
    write(file, contents, folder) {
      if (!thread && written >= threadAfter && existsSync(fileURLToPath(workerFile))) thread = threadWriter(workerFile);
      written++;
      return current().write(file, contents, folder);
    },
    get backlogged() {
      return current().backlogged;
    },
    settle: () => current().settle(),
    finish: () => current().finish(),
    abort: () => current().abort(),
  };
}

/** Plain synchronous writes on the calling thread. */
export function inThreadWriter(): FileWriter {
  return {
    write(file, contents, folder) {
      if (folder !== undefined) mkdirSync(folder, { recursive: true });
      const bytes = typeof contents === 'string' ? Buffer.from(contents, 'utf8') : contents.bytes;
      writeFileSync(file, bytes);
      return bytes;
    },
    backlogged: false,
    settle: async () => {},
    finish: async () => {},
    abort: async () => {},
  };
}

function threadWriter(workerFile: URL): FileWriter {
  const worker = new Worker(workerFile);
  const waiting = new Map<number, () => void>();
  let failure: Error | undefined;
  let nextId = 0;
  let buffer = new ArrayBuffer(BATCH_BYTES);
  let view = Buffer.from(buffer);
  let used = 0;
  let files: WriteBatch['files'] = [];
  let wake: (() => void) | undefined;
  const fail = (error: Error) => {
    failure ??= error;
    wake?.();
  };
  worker.on('message', ({ id, error }: WriteBatchAnswer) => {
    if (error) fail(Object.assign(new Error(error.message), error.code === undefined ? {} : { code: error.code }));
    waiting.get(id)?.();
    waiting.delete(id);
    wake?.();
  });
  worker.on('error', fail);
  worker.on('exit', (code) => {
    if (waiting.size > 0) fail(new Error(`the catalog writer thread stopped (exit code ${code}) with files still to write`));
  });
  const send = () => {
    if (files.length === 0) return;
    const id = nextId++;
    waiting.set(id, () => {});
    worker.postMessage({ id, bytes: buffer, files } satisfies WriteBatch, [buffer]);
    files = [];
    used = 0;
    buffer = new ArrayBuffer(BATCH_BYTES);
    view = Buffer.from(buffer);
  };
  const until = async (done: () => boolean) => {
    while (!failure && !done()) await new Promise<void>((resolve) => (wake = resolve));
    wake = undefined;
    if (failure) throw failure;
  };
  return {
    write(file, contents, folder) {
      if (failure) throw failure;
      // A UTF-16 code unit is at most three UTF-8 bytes, so a file that fits that bound is never cut.
      const encoded = typeof contents === 'string' ? undefined : contents.bytes;
      if (view.length - used < (encoded ? encoded.length : contents.length * 3)) {
        const size = encoded ? encoded.length : Buffer.byteLength(contents as string, 'utf8');
        if (view.length - used < size) {
          send();
          if (size > view.length) {
            buffer = new ArrayBuffer(size);
            view = Buffer.from(buffer);
          }
        }
      }
      const start = used;
      if (encoded) {
        view.set(encoded, used);
        used += encoded.length;
      } else used += view.write(contents as string, used, 'utf8');
      files.push([file, start, used, folder]);
      return view.subarray(start, used);
    },
    get backlogged() {
      return waiting.size >= BATCHES_IN_FLIGHT;
    },
    settle: () => until(() => waiting.size < BATCHES_IN_FLIGHT),
    async finish() {
      send();
      try {
        await until(() => waiting.size === 0);
      } finally {
        await worker.terminate();
      }
    },
    async abort() {
      await worker.terminate();
    },
  };
}
