import { spawnSync } from 'node:child_process';
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_ID, exampleSkill } from '../src/check/rules/example-skill.js';
import type { AnalysisJob } from '../src/check/analysis-job.js';
import type { LintInput } from '../src/check/lint.js';
import { EventEmitter } from 'node:events';
import type { FileAnalysis } from '../src/check/analysis.js';
import { createLintEnvironment } from '../src/check/environment.js';
import { analyzeFile } from '../src/check/lint.js';
import { analyzeInThreads, BATCHES_IN_FLIGHT, batchSize, PARALLEL_THRESHOLD, threadCount, type StartedWorker, type WorkerAnswer, type WorkerBatch } from '../src/check/parallel.js';
import { BUILT_BIN } from './support/built-cli.js';

const BIN = BUILT_BIN;

describe('the per-file phase in worker threads', () => {
  it('uses threads only for explicit counts or enough files', () => {
    expect(threadCount('off', 5000)).toBe(1);
    expect(threadCount('auto', PARALLEL_THRESHOLD - 1)).toBe(1);
    expect(threadCount(3, 2)).toBe(2);
    expect(threadCount(2, 10)).toBe(2);
  });

  it('gives byte-identical results with and without threads', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'skillhub-threads-'));
    for (let index = 0; index < 12; index++) {
      const id = EXAMPLE_ID.replace('-v1', `${index}-v1`);
      // Every third skill has a problem, so the comparison covers diagnostics, not only silence.
      const text = exampleSkill().replaceAll(EXAMPLE_ID, id).replace('estimated_duration_s: 60', `estimated_duration_s: ${index % 3 === 0 ? -1 : 60}`);
      await mkdir(path.join(root, id), { recursive: true });
      await writeFile(path.join(root, id, 'SKILL.md'), text);
    }
    const run = (concurrency: string) =>
      spawnSync(process.execPath, [BIN, 'validate', root, '--format', 'json', '--concurrency', concurrency], { encoding: 'utf8', timeout: 60_000 });
    const single = run('off');
    const threaded = run('3');
    expect(single.status).toBe(1);
    expect(threaded.status).toBe(1);
    expect(threaded.stderr).toBe('');
    expect(threaded.stdout).toBe(single.stdout);
    const messages = (JSON.parse(single.stdout) as Array<{ messages: Array<{ ruleId: string; line: number }> }>).flatMap((file) => file.messages);
    expect(messages.map((m) => `${m.ruleId}:${m.line}`)).toEqual(Array(4).fill('frontmatter-schema:9'));
    // Two processes, each allowed 60 s above: on a loaded 2-core machine they take over 20 s together.
  }, 120_000);
});

describe('the queue of batches', () => {
  const dist = (file: string) => new URL(`../dist/check/${file}`, import.meta.url).href;

  it('gives workers batches while the main thread is busy, and returns every analysis in input order', async () => {
    const [{ analyzeInThreads }, { analyzeFile }, { createLintEnvironment }] = await Promise.all([
      import(dist('parallel.js')) as Promise<typeof import('../src/check/parallel.js')>,
      import(dist('lint.js')) as Promise<typeof import('../src/check/lint.js')>,
      import(dist('environment.js')) as Promise<typeof import('../src/check/environment.js')>,
    ]);
    const env = createLintEnvironment({});
    const inputs = Array.from({ length: 40 }, (_, index) => {
      const id = EXAMPLE_ID.replace('-v1', `${index}-v1`);
      const text = exampleSkill().replaceAll(EXAMPLE_ID, id).replace('estimated_duration_s: 60', `estimated_duration_s: ${index % 3 === 0 ? -1 : 60}`);
      return { filePath: path.join('/catalog', id, 'SKILL.md'), decoded: { ok: true as const, text } };
    });
    const single = inputs.map((input) => analyzeFile(input, env));
    let onMain = 0;
    // A slow main thread (200 ms a file) leaves most batches to the worker once it is ready.
    const slowly = (job: AnalysisJob) => {
      onMain++;
      const until = Date.now() + 200;
      while (Date.now() < until);
      return analyzeFile((job as { input: LintInput }).input, env);
    };
    const progress: number[] = [];
    const threaded = await analyzeInThreads(
      inputs.map((input) => ({ input })),
      {},
      2,
      slowly,
      (done) => progress.push(done),
    );
    expect(onMain).toBeGreaterThan(0);
    expect(onMain).toBeLessThan(inputs.length);
    expect(threaded).toEqual(single);
    expect(threaded.filter((analysis) => analysis.diagnostics.length > 0)).toHaveLength(14);
    expect(progress.at(-1)).toBe(inputs.length);
  }, 120_000);

  it('uses workers started before the work was known, and gives the same answers', async () => {
    const [{ analyzeInThreads, startWorkers }, { analyzeFile }, { createLintEnvironment }] = await Promise.all([
      import(dist('parallel.js')) as Promise<typeof import('../src/check/parallel.js')>,
      import(dist('lint.js')) as Promise<typeof import('../src/check/lint.js')>,
      import(dist('environment.js')) as Promise<typeof import('../src/check/environment.js')>,
    ]);
    const started = startWorkers({}, 1);
    const env = createLintEnvironment({});
    const inputs = Array.from({ length: 12 }, (_, index) => {
      const id = EXAMPLE_ID.replace('-v1', `${index}-v1`);
      const text = exampleSkill().replaceAll(EXAMPLE_ID, id).replace('estimated_duration_s: 60', `estimated_duration_s: ${index % 3 === 0 ? -1 : 60}`);
      return { filePath: path.join('/catalog', id, 'SKILL.md'), decoded: { ok: true as const, text } };
    });
    // Ready before any work: the worker takes batches as soon as the queue exists.
    expect(await started[0]?.ready).toBe(true);
    let onMain = 0;
    const threaded = await analyzeInThreads(
      inputs.map((input) => ({ input })),
      {},
      2,
      (job) => {
        onMain++;
        return analyzeFile((job as { input: LintInput }).input, env);
      },
      undefined,
      started,
    );
    expect(threaded).toEqual(inputs.map((input) => analyzeFile(input, env)));
    expect(threaded.filter((analysis) => analysis.diagnostics.length > 0)).toHaveLength(4);
    expect(onMain).toBeLessThanOrEqual(inputs.length);
    expect(started[0]?.exited).toBe(true);
  }, 120_000);
});

describe('batches in flight (fake workers, no threads)', () => {
  /** A stand-in for a worker thread: records what it is given and answers each batch in a later turn (or never). */
  class FakeWorker extends EventEmitter {
    given: WorkerBatch[] = [];
    answered = 0;
    mostInFlight = 0;
    constructor(private readonly analyse?: (job: AnalysisJob) => FileAnalysis) {
      super();
    }
    postMessage(batch: WorkerBatch): void {
      this.given.push(batch);
      this.mostInFlight = Math.max(this.mostInFlight, this.given.length - this.answered);
      const analyse = this.analyse;
      if (!analyse) return;
      setImmediate(() => {
        this.answered++;
        this.emit('message', { from: batch.from, analyses: batch.jobs.map(analyse) } satisfies WorkerAnswer);
      });
    }
    terminate(): Promise<number> {
      this.emit('exit', 1);
      return Promise.resolve(1);
    }
    ref(): void {}
    unref(): void {}
  }
  const started = (fake: FakeWorker): StartedWorker => {
    const worker: StartedWorker = { worker: fake as unknown as StartedWorker['worker'], ready: Promise.resolve(true), exited: false };
    fake.once('exit', () => (worker.exited = true));
    return worker;
  };
  const env = createLintEnvironment({});
  const inputs = Array.from({ length: 40 }, (_, index) => {
    const id = EXAMPLE_ID.replace('-v1', `${index}-v1`);
    const text = exampleSkill().replaceAll(EXAMPLE_ID, id).replace('estimated_duration_s: 60', `estimated_duration_s: ${index % 3 === 0 ? -1 : 60}`);
    return { filePath: path.join('/catalog', id, 'SKILL.md'), decoded: { ok: true as const, text } };
  });
  const analyse = (job: AnalysisJob) => analyzeFile((job as { input: LintInput }).input, env);
  const single = inputs.map((input) => analyzeFile(input, env));
  /** Two threads, one of them `fake`, while the main thread's own set-up is `hereReady`: the run, and how many files the main thread analysed. */
  const withMainSetUp = (fake: FakeWorker, hereReady: Promise<void>) => {
    let onMain = 0;
    const running = analyzeInThreads(
      inputs.map((input) => ({ input })),
      {},
      2,
      (job) => {
        onMain++;
        return analyse(job);
      },
      undefined,
      [started(fake)],
      false,
      hereReady,
    );
    return { running, onMain: () => onMain };
  };

  it('sizes batches by the work left: at most 32 files, smaller towards the end, never empty', () => {
    expect([10_000, 1000, 512, 100, 16, 9, 1, 0].map((left) => batchSize(left, 2))).toEqual([32, 32, 32, 7, 1, 1, 1, 1]);
    expect(batchSize(1000, 4)).toBe(32);
    expect(batchSize(100, 4)).toBe(4);
  });

  it('gives a worker its next batch before it answers the last, and every analysis comes back in order', async () => {
    const fake = new FakeWorker(analyse);
    let onMain = 0;
    const threaded = await analyzeInThreads(
      inputs.map((input) => ({ input })),
      {},
      2,
      (job) => {
        onMain++;
        return analyse(job);
      },
      undefined,
      [started(fake)],
    );
    expect(BATCHES_IN_FLIGHT).toBe(2);
    expect(fake.mostInFlight).toBe(2);
    expect(threaded).toEqual(single);
    expect(onMain + fake.given.reduce((sum, batch) => sum + batch.jobs.length, 0)).toBe(inputs.length);
    // The ready worker gets its first two batches (three files each) before the main thread takes
    // its first, a quarter of a worker's: one file.
    expect(fake.given.slice(0, 2).map((batch) => [batch.from, batch.jobs.length])).toEqual([
      [0, 3],
      [3, 3],
    ]);
  });

  it('hands a ready worker its batches while the main thread waits for its own set-up', async () => {
    const fake = new FakeWorker(analyse);
    let release: () => void = () => undefined;
    const hereReady = new Promise<void>((resolve) => (release = resolve));
    const { running, onMain } = withMainSetUp(fake, hereReady);
    // The worker answers twice while the main thread waits, and gets a batch after each answer.
    await new Promise<void>((resolve) => {
      const check = () => (fake.answered >= 2 ? resolve() : setImmediate(check));
      check();
    });
    expect(onMain()).toBe(0);
    expect(fake.given.slice(0, 4).map((batch) => [batch.from, batch.jobs.length])).toEqual([
      [0, 3],
      [3, 3],
      [6, 3],
      [9, 2],
    ]);
    release();
    expect(await running).toEqual(single);
    expect(onMain()).toBeGreaterThan(0);
  });

  it('stops handing out work when the main thread\'s set-up fails, and lets the failure through', async () => {
    const fake = new FakeWorker(analyse);
    const failure = new Error('grammar failed');
    const { running, onMain } = withMainSetUp(fake, Promise.reject(failure));
    await expect(running).rejects.toBe(failure);
    expect(onMain()).toBe(0);
    // The worker answered the two batches it held when the set-up failed, and got no more.
    expect(fake.given.map((batch) => [batch.from, batch.jobs.length])).toEqual([
      [0, 3],
      [3, 3],
    ]);
    expect(fake.answered).toBe(2);
  });

  it('analyses on the main thread every batch a worker held when it stopped', async () => {
    const fake = new FakeWorker();
    let stopped = false;
    let onMain = 0;
    const threaded = await analyzeInThreads(
      inputs.map((input) => ({ input })),
      {},
      2,
      (job) => {
        onMain++;
        // The worker stops without answering once it holds two batches.
        if (fake.given.length === 2 && !stopped) {
          stopped = true;
          void fake.terminate();
        }
        return analyse(job);
      },
      undefined,
      [started(fake)],
    );
    expect(fake.given.map((batch) => [batch.from, batch.jobs.length])).toEqual([
      [0, 3],
      [3, 3],
    ]);
    expect(onMain).toBe(inputs.length);
    expect(threaded).toEqual(single);
  });

  it('starts workers with a small young generation', async () => {
    const { startWorkers } = (await import(new URL('../dist/check/parallel.js', import.meta.url).href)) as typeof import('../src/check/parallel.js');
    const [worker] = startWorkers({}, 1);
    expect(worker?.worker.resourceLimits?.maxYoungGenerationSizeMb).toBe(12);
    await worker?.worker.terminate();
  });
});
