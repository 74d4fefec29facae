import { createHash, type Hash } from 'node:crypto';
import { close, mkdir, open, write } from 'node:fs';
import path from 'node:path';

/** How much encoded text may wait for the disk: a build holds this much of the catalog, not all of it. */
const CHUNK_BYTES = 1 << 20;
const MAX_PENDING_BYTES = 8 * CHUNK_BYTES;
/** Files open at once (each has an open, its writes and a close queued on libuv's thread pool). */
const MAX_OPEN_FILES = 64;

/** One region of encoding memory, handed back for reuse when every write from it is done. */
interface Chunk {
  buffer: Buffer;
  used: number;
  pending: number;
}

interface Segment {
  /** Grows while it waits, when the file's next piece follows it in the same chunk. */
  bytes: Buffer;
  chunk: Chunk | undefined;
}

interface FileJob {
  file: string;
  fd: number | undefined;
  queue: Segment[];
  writing: boolean;
  ended: boolean;
}

interface Folder {
  made: boolean;
  waiting: Array<() => void>;
}

/** Writes the files of a fresh staging folder, in order, and digests them (see StagedWriter). */
export interface CatalogFileWriter {
  begin(file: string, header: string): unknown;
  append(job: unknown, text: string): boolean;
  end(job: unknown): boolean;
  room(): Promise<void>;
  finish(abandon?: boolean): Promise<string>;
}

/**
 * Writes the files of a fresh staging folder through libuv's thread pool, so that the system calls
 * (a `mkdir` per skill folder, an `open`, `write` and `close` per file: about 100 µs each on ext4)
 * run on another core while the caller makes the next files. A file is given in pieces (`begin`,
 * `append`, `end`); each piece is encoded to UTF-8 once, into reused chunks of memory, and goes
 * into the SHA-256 that `finish()` returns (each file's header, then its bytes, in order). What waits for the disk is bounded (MAX_PENDING_BYTES,
 * MAX_OPEN_FILES): `begin` and `append` return false when the caller should `await room()` first.
 *
 * The staging folder must exist and be empty: each folder is made once, with one `mkdir`, after
 * its parent; a file is opened once its folder is made, and its pieces are written in order. The
 * first failure stops every later operation and is thrown by `append`, `begin` and `finish()`;
 * `finish()` returns only when no file is open any more, so the caller can remove the staging folder.
 */
export class StagedWriter implements CatalogFileWriter {
  private readonly folders = new Map<string, Folder>();
  /** Files not closed yet. */
  private readonly active = new Set<FileJob>();
  private readonly freeChunks: Chunk[] = [];
  private current: Chunk | undefined;
  private pendingBytes = 0;
  private openFiles = 0;
  private operations = 0;
  private failure: { error: unknown } | undefined;
  private waiter: { ready: () => boolean; resolve: () => void } | undefined;

  private readonly hash: Hash = createHash('sha256');

  constructor(private readonly staging: string) {
    this.folders.set(staging, { made: true, waiting: [] });
  }

  /** Starts a file (a path inside the staging folder); `header` goes into the digest before its bytes. */
  begin(file: string, header: string): FileJob {
    this.throwIfFailed();
    if (!file.startsWith(this.staging + path.sep)) throw new Error(`${file} is not inside ${this.staging}`);
    this.hash.update(header);
    const job: FileJob = { file, fd: undefined, queue: [], writing: false, ended: false };
    this.openFiles++;
    this.active.add(job);
    this.whenFolderMade(path.dirname(file), () => this.openJob(job));
    return job;
  }

  /** Encodes and queues the next piece of the file; false when the caller should await room() before more. */
  append(job: FileJob, text: string): boolean {
    this.throwIfFailed();
    if (text.length > 0) this.encode(job, text);
    return !this.full();
  }

  /** No more pieces: the file is closed once they are written. False when the caller should await room(). */
  end(job: FileJob): boolean {
    job.ended = true;
    this.pump(job);
    return !this.full();
  }

  /** Resolves when more may be given (or when a write has failed: the next call then throws). */
  room(): Promise<void> {
    return this.until(() => !this.full() || this.failure !== undefined);
  }

  /**
   * Ends every file, waits until all are written and closed, and throws the first failure. After
   * a failure (or with `abandon`), what is not written yet is given up; either way no operation
   * is left running on return, so the staging folder can be removed.
   */
  async finish(abandon = false): Promise<string> {
    if (abandon) this.fail(new Error('abandoned'));
    for (const job of [...this.active]) this.end(job);
    await this.until(() => this.operations === 0 && this.openFiles === 0);
    this.throwIfFailed();
    return this.hash.digest('hex');
  }

  private until(ready: () => boolean): Promise<void> {
    if (ready()) return Promise.resolve();
    return new Promise((resolve) => {
      this.waiter = { ready, resolve };
    });
  }

  private full(): boolean {
    return this.openFiles >= MAX_OPEN_FILES || this.pendingBytes >= MAX_PENDING_BYTES;
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure.error;
  }

  private fail(error: unknown): void {
    this.failure ??= { error };
  }

  /** Ends one thread-pool operation; wakes the waiting caller when what it waits for holds. */
  private settled(): void {
    this.operations--;
    const waiter = this.waiter;
    if (waiter?.ready()) {
      this.waiter = undefined;
      waiter.resolve();
    }
  }

  private encode(job: FileJob, text: string): void {
    // UTF-8 needs at most three bytes per UTF-16 unit.
    const most = text.length * 3;
    if (most > CHUNK_BYTES / 4) return this.enqueue(job, { bytes: Buffer.from(text, 'utf8'), chunk: undefined });
    let chunk = this.current;
    if (!chunk || chunk.buffer.length - chunk.used < most) {
      if (chunk && chunk.pending === 0) this.freeChunks.push(chunk);
      chunk = this.current = this.takeChunk();
    }
    const start = chunk.used;
    chunk.used += chunk.buffer.write(text, start, 'utf8');
    const last = job.queue[job.queue.length - 1];
    if (last?.chunk === chunk && last.bytes.byteOffset + last.bytes.length === chunk.buffer.byteOffset + start) {
      // Right after the file's last waiting piece: the two go in one write (documents.json is two pieces a skill).
      const bytes = chunk.buffer.subarray(start, chunk.used);
      this.hash.update(bytes);
      this.pendingBytes += bytes.length;
      last.bytes = chunk.buffer.subarray(last.bytes.byteOffset - chunk.buffer.byteOffset, chunk.used);
      return;
    }
    chunk.pending++;
    this.enqueue(job, { bytes: chunk.buffer.subarray(start, chunk.used), chunk });
  }

  private enqueue(job: FileJob, segment: Segment): void {
    this.hash.update(segment.bytes);
    this.pendingBytes += segment.bytes.length;
    job.queue.push(segment);
    this.pump(job);
  }

  private takeChunk(): Chunk {
    const chunk = this.freeChunks.pop();
    if (!chunk) return { buffer: Buffer.allocUnsafeSlow(CHUNK_BYTES), used: 0, pending: 0 };
    chunk.used = 0;
    return chunk;
  }

  /** A segment is written (or given up): its chunk is reused once no more text goes into it and its last write is done. */
  private release(segment: Segment): void {
    this.pendingBytes -= segment.bytes.length;
    const chunk = segment.chunk;
    if (!chunk) return;
    chunk.pending--;
    if (chunk.pending === 0 && chunk !== this.current) this.freeChunks.push(chunk);
  }

  private whenFolderMade(folder: string, then: () => void): void {
    const known = this.folders.get(folder);
    if (known) {
      if (known.made) then();
      else known.waiting.push(then);
      return;
    }
    const entry: Folder = { made: false, waiting: [then] };
    this.folders.set(folder, entry);
    this.whenFolderMade(path.dirname(folder), () => {
      if (this.failure) return this.folderDone(entry);
      this.operations++;
      mkdir(folder, (error) => {
        if (error) this.fail(error);
        this.folderDone(entry);
        this.settled();
      });
    });
  }

  /** The folder is made, or will not be (a failure): what waits for it goes on (and gives up on a failure). */
  private folderDone(entry: Folder): void {
    entry.made = true;
    for (const waiting of entry.waiting.splice(0)) waiting();
  }

  private openJob(job: FileJob): void {
    if (this.failure) return this.closeJob(job);
    this.operations++;
    open(job.file, 'w', (error, fd) => {
      if (error) {
        this.fail(error);
        this.closeJob(job);
      } else {
        job.fd = fd;
        this.pump(job);
      }
      this.settled();
    });
  }

  /** Writes the job's next segment, or closes the file once all are written and it has ended. */
  private pump(job: FileJob): void {
    if (job.writing || job.fd === undefined) return;
    if (this.failure) return this.closeJob(job);
    const segment = job.queue.shift();
    if (!segment) {
      if (job.ended) this.closeJob(job);
      return;
    }
    job.writing = true;
    this.operations++;
    this.writeSegment(job, segment, 0);
  }

  private writeSegment(job: FileJob, segment: Segment, from: number): void {
    write(job.fd as number, segment.bytes, from, segment.bytes.length - from, null, (error, written) => {
      if (error) this.fail(error);
      else if (from + written < segment.bytes.length && !this.failure) return this.writeSegment(job, segment, from + written);
      this.release(segment);
      job.writing = false;
      this.pump(job);
      this.settled();
    });
  }

  /** Closes the file (when open) and gives up its unwritten segments; counted as closed once done. */
  private closeJob(job: FileJob): void {
    for (const segment of job.queue.splice(0)) this.release(segment);
    this.active.delete(job);
    const fd = job.fd;
    job.fd = undefined;
    job.writing = true;
    this.operations++;
    if (fd === undefined) {
      this.openFiles--;
      queueMicrotask(() => this.settled());
      return;
    }
    close(fd, (error) => {
      if (error) this.fail(error);
      this.openFiles--;
      this.settled();
    });
  }
}
