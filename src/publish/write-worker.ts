import { mkdirSync, writeFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import type { WriteBatch, WriteBatchAnswer } from './file-writer.js';

/**
 * The build's file writer thread (file-writer.ts): makes the folders and writes the files of each
 * batch, in order, with plain synchronous calls, and answers each batch once it is on disk. It
 * loads nothing but `node:fs`, so it is ready at once; the main thread meanwhile makes the next files.
 */
parentPort?.on('message', ({ id, bytes, files }: WriteBatch) => {
  const answer: WriteBatchAnswer = { id };
  try {
    const data = new Uint8Array(bytes);
    for (const [file, start, end, folder] of files) {
      if (folder !== undefined) mkdirSync(folder, { recursive: true });
      writeFileSync(file, data.subarray(start, end));
    }
  } catch (error) {
    const { message, code } = error as NodeJS.ErrnoException;
    answer.error = { message: String(message), ...(code === undefined ? {} : { code }) };
  }
  parentPort?.postMessage(answer);
});
