import { parentPort, workerData } from 'node:worker_threads';
import { entriesUnchanged, readManifest } from './replay-manifest.js';

/** Checks the entries `from` to `to` of a replay manifest (shared, not copied) and answers whether they hold. */
const { bytes, from, to } = workerData as { bytes: Uint8Array; from: number; to: number };
const manifest = readManifest(bytes, undefined, undefined);
parentPort?.postMessage(manifest !== undefined && entriesUnchanged(manifest, from, to));
