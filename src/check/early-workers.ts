import { isSkillFileName } from '../load/discover.js';
import { FolderLister, type ListedEntry } from '../load/folder-listings.js';
import type { LintOptions } from './environment.js';
import { canUseThreads, startWorkers, threadCount, type Concurrency, type StartedWorker } from './parallel.js';

/**
 * The worker threads of a cold run, started while the discovery walk is still listing folders:
 * as soon as the walk has seen enough SKILL.md files for the run to use threads, a worker starts
 * loading its code, building its environment and compiling the shell grammar (most of a second
 * of a worker's start) on the other core while this thread walks on, instead of after the walk.
 * The count is a guess (files may be ignored, patterns may overlap): `settle` adjusts the workers
 * to the number of files the run really has, stopping those it does not need.
 */
export class EarlyWorkers {
  readonly started: StartedWorker[] = [];
  private readonly threads: boolean;

  constructor(
    private readonly options: Partial<LintOptions>,
    private readonly concurrency: Concurrency,
  ) {
    this.threads = canUseThreads();
  }

  /** The walk has seen `count` skill files so far: start the workers a run of that many would use. */
  seen(count: number): void {
    if (this.threads) this.startUpTo(threadCount(this.concurrency, count) - 1);
  }

  /** The workers for a per-file phase of `count` files: those started early, more if needed, extra ones stopped. */
  settle(count: number): StartedWorker[] {
    const wanted = this.threads ? threadCount(this.concurrency, count) - 1 : 0;
    for (const extra of this.started.splice(wanted)) void extra.worker.terminate();
    this.startUpTo(wanted);
    return this.started;
  }

  private startUpTo(wanted: number): void {
    if (this.started.length < wanted) this.started.push(...startWorkers(this.options, wanted - this.started.length));
  }
}

/**
 * A folder lister for a run without a cache (no stamps, nothing kept for a next run) that tells
 * `onSkillFiles` how many SKILL.md entries the folders it has listed hold in all, as it lists them
 * (each folder counted once), until `stopCounting`.
 */
export class SkillCountingLister extends FolderLister {
  private count = 0;

  constructor(private onSkillFiles: ((count: number) => void) | undefined) {
    super(undefined, undefined, false);
  }

  override list(folder: string): readonly ListedEntry[] {
    const counting = this.onSkillFiles !== undefined && this.listings.get(folder) === undefined;
    const entries = super.list(folder);
    if (counting) {
      let found = 0;
      for (const entry of entries) if (isSkillFileName(entry.name)) found++;
      if (found > 0) this.onSkillFiles?.((this.count += found));
    }
    return entries;
  }

  /** The walks from here on (the catalog given as context) are not counted. */
  stopCounting(): void {
    this.onSkillFiles = undefined;
  }
}
