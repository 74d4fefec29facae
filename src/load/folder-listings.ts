import { readdirSync, type Stats } from 'node:fs';
import { statOrUndefined } from './fs-probes.js';

/** What the walks need of a folder entry (a `Dirent` has it). */
export interface ListedEntry {
  readonly name: string;
  isDirectory(): boolean;
  isSymbolicLink(): boolean;
}

/**
 * A folder listing as stored: the folder's stamp when it was listed, its entries, each a type
 * letter (`d` folder, `l` link, `f` anything else) and a name, joined by `/` (no name holds one),
 * and the token of the run that read it (which names this listing in the stamps of files).
 */
export type StoredListing = [stamp: string, entries: string, token: string];

/** Stored listings by absolute folder path. */
export type StoredListings = Record<string, StoredListing>;

/**
 * A folder changed this close to (or after) the start of the run that listed it may have changed
 * again within the same time stamp ("racily clean", as in git): its listing is not kept.
 */
const RACY_WINDOW_MS = 2000;

/** Entries of one skill folder's tree beyond which its stamp vouches for nothing (listSkillFolder's bound). */
const MAX_TREE_ENTRIES = 2000;

/**
 * Lists folders for the walks of one run, as git's untracked cache does: a folder whose own stamp
 * (size, modification and change time, inode) is the one recorded with a stored listing is not
 * read again, since adding, removing or renaming an entry changes the folder's modification and
 * change time, and a folder put in its place is another inode. A change inside a file does not
 * touch its folder: files keep their own stamps (analysis-cache.ts). Only listings older than the
 * racy window at the start of the run that read them are kept, so a folder changed again within
 * the same time stamp is read again. Every listing of the run is kept in `listings`, by path.
 */
export class FolderLister {
  /** Every folder listed this run: its listing, its token and what the next run may trust of it (one map, one lookup). */
  private readonly folders = new Map<string, FolderState>();
  /** Every listing of this run by folder path, entries sorted as the walk visits them (real entries before links, then by name). */
  readonly listings: KnownListings = { get: (folder) => this.folders.get(folder)?.entries };
  /** Names the listings this run reads: when it started, and a random part for runs started at the same moment. */
  private readonly token: string;
  /** How many listings the next run may trust (those of this run that are not racy). */
  private keptCount = 0;
  /** Folders listed by a `readdir` this run, and folders answered from their stored listing. */
  read = 0;
  trusted = 0;

  constructor(
    private readonly stored: StoredListings | undefined = undefined,
    /** When this run started (ms since the epoch): listings are no older than that. */
    private readonly startedAt = Date.now(),
    /**
     * Whether the listings are kept for a next run (a cache): only then is each folder's stamp
     * taken. Without, a folder costs its `readdir` alone (a `stat` of each of the 15,700 folders
     * of a 10,000-skill catalog was about 0.12 s of a context scan).
     */
    private readonly stamped = true,
  ) {
    this.token = `${startedAt.toString(36)}${Math.floor(Math.random() * 36 ** 4).toString(36)}`;
  }

  /** A folder's entries; throws as `readdirSync` does when it cannot be listed. */
  list(folder: string): readonly ListedEntry[] {
    return this.state(folder).entries;
  }

  private state(folder: string): FolderState {
    const known = this.folders.get(folder);
    if (known !== undefined) return known;
    if (!this.stamped) {
      const state = { entries: sortForWalk(readdirSync(folder, { withFileTypes: true })), token: this.token, kept: undefined };
      this.read++;
      this.folders.set(folder, state);
      return state;
    }
    // The stamp is taken before the listing is read: a change in between moves it for the next run.
    const stats = statOrUndefined(folder);
    const stamp = stats?.isDirectory() ? folderStamp(stats) : undefined;
    const stored = stamp === undefined || this.stored === undefined || !Object.hasOwn(this.stored, folder) ? undefined : this.stored[folder];
    let state: FolderState;
    if (Array.isArray(stored) && stored[0] === stamp && typeof stored[1] === 'string' && typeof stored[2] === 'string') {
      state = { entries: decodeEntries(stored[1]), token: stored[2], kept: stored };
      this.trusted++;
    } else {
      const entries = sortForWalk(readdirSync(folder, { withFileTypes: true }));
      this.read++;
      // A racy listing is not kept, so the next run reads the folder again (and files below it get a new token).
      const racy = stamp === undefined || stats === undefined || Math.max(stats.mtimeMs, stats.ctimeMs) >= this.startedAt - RACY_WINDOW_MS;
      state = { entries, token: this.token, kept: racy ? undefined : [stamp, encodeEntries(entries), this.token] };
    }
    if (state.kept !== undefined) this.keptCount++;
    this.folders.set(folder, state);
    return state;
  }

  /**
   * What stands for the listings of a skill folder and of every folder below it that its listing
   * reads (see listSkillFolder: hidden entries and node_modules left out, links not followed),
   * `|`-separated: the token of the run that read each listing. A listing trusted from an earlier
   * run keeps its token; one read again gets this run's, so a file whose stamp was recorded
   * before that no longer matches. A folder that cannot be listed is `!` and its error code; a
   * tree too large for the listing to be whole gives `?`: such a stamp vouches for nothing.
   */
  treeStamp(folder: string): string {
    let stamp = '';
    let seen = 0;
    const queue = [folder];
    for (let at = 0; at < queue.length; at++) {
      const current = queue[at] as string;
      let state: FolderState;
      try {
        state = this.state(current);
      } catch (error) {
        stamp += `|!${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`;
        continue;
      }
      const { entries } = state;
      stamp += `|${state.token}`;
      seen += entries.length;
      if (seen > MAX_TREE_ENTRIES) return `${stamp}|?`;
      for (const entry of entries) {
        if (entry.isDirectory() && entry.name !== 'node_modules' && !entry.name.startsWith('.')) queue.push(joinName(current, entry.name));
      }
    }
    return stamp;
  }

  /** Whether the listings to keep differ from the stored ones (a folder was read, or one is gone). */
  get changed(): boolean {
    if (this.read > 0) return true;
    return this.stored === undefined ? this.keptCount > 0 : Object.keys(this.stored).length !== this.keptCount;
  }

  /**
   * Each folder listed this run with the stamp its listing is kept by (in the order listed, so a
   * folder comes before those below it), when every listing is kept and none holds a link (whose
   * target no stamp vouches for); otherwise undefined. See replay-manifest.ts.
   */
  keptStamps(): Array<[folder: string, stamp: string]> | undefined {
    const stamps: Array<[string, string]> = [];
    for (const [folder, state] of this.folders) {
      if (state.kept === undefined || state.entries.some((entry) => entry.isSymbolicLink())) return undefined;
      stamps.push([folder, state.kept[0]]);
    }
    return stamps;
  }

  /** The listings the next run may trust. */
  toStored(): StoredListings {
    const stored: StoredListings = {};
    for (const [folder, state] of this.folders) if (state.kept !== undefined) stored[folder] = state.kept;
    return stored;
  }
}

/** Listings by folder path, as a walk has read them (a `Map` of them will do). */
export interface KnownListings {
  get(folder: string): readonly ListedEntry[] | undefined;
}

/** One folder as this run listed it. */
interface FolderState {
  readonly entries: readonly ListedEntry[];
  /** What stands for the listing in the stamps of files: the token of the run that read it. */
  readonly token: string;
  /** The listing as the next run may trust it; none for a racy one. */
  readonly kept: StoredListing | undefined;
}

/** A folder path and an entry name: `path.join` without its normalising (the folder's path already is). */
export function joinName(folder: string, name: string): string {
  return folder.endsWith('/') || folder.endsWith('\\') ? `${folder}${name}` : `${folder}${process.platform === 'win32' ? '\\' : '/'}${name}`;
}

function folderStamp(stats: Stats): string {
  return `${stats.size}:${stats.mtimeMs}:${stats.ctimeMs}:${stats.ino}`;
}

/** Real entries before links, then by name: a folder reached by several paths is walked by its shortest. */
function sortForWalk<T extends ListedEntry>(entries: T[]): T[] {
  return entries.sort((a, b) => Number(a.isSymbolicLink()) - Number(b.isSymbolicLink()) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

const FOLDER = 0;
const LINK = 1;
const OTHER = 2;

class StoredEntry implements ListedEntry {
  constructor(
    readonly name: string,
    private readonly type: number,
  ) {}

  isDirectory(): boolean {
    return this.type === FOLDER;
  }

  isSymbolicLink(): boolean {
    return this.type === LINK;
  }
}

function encodeEntries(entries: readonly ListedEntry[]): string {
  return entries.map((entry) => `${entry.isDirectory() ? 'd' : entry.isSymbolicLink() ? 'l' : 'f'}${entry.name}`).join('/');
}

function decodeEntries(text: string): ListedEntry[] {
  if (text === '') return [];
  return text.split('/').map((item) => new StoredEntry(item.slice(1), item[0] === 'd' ? FOLDER : item[0] === 'l' ? LINK : OTHER));
}
