import { compareStrings } from '../core/diagnostic.js';
import { canonicalJson } from './canonical-json.js';
import { documentsFileParts } from './documents-file.js';
import { CATALOG_FILE, DOCUMENTS_FILE, schemaFile, skillFile, skillFolderPath, SYNC_INDEX_FILE } from './layout.js';
import { CATALOG_SCHEMA_ID, type CatalogIndex, type PublishedSkill, type SkillSummary, type SyncIndex, type SyncIndexEntry } from './model.js';
import { preparedRecordOf, type PreparedSkill } from './prepared-skill.js';
import type { SkillSource } from './skill-record.js';
import { siteFiles } from '../site/render-site.js';
import type { FileContents } from './write.js';
import { staticRouteFiles } from './static-routes.js';
import { catalogDigest, summaryOf } from './summary.js';

// Moved to summary.ts, so a reader of a built catalog does not load the writer; kept exported here.
export { catalogDigest, summaryOf };

/** The tag that marks a skill as a showcase in the sync index. */
const SHOWCASE_TAG = 'showcase';
const ORIGIN = 'popiart';

export interface BuildProblem {
  filePath: string;
  message: string;
}

export interface BuiltCatalog {
  /** Relative path (`/` separators) to file contents, in path order (made from `entries` on first use). */
  readonly files: Map<string, string>;
  /**
   * The same files made one at a time, in path order, so a writer holds one page at a time rather
   * than the whole catalog (the pages and documents.json are most of its bytes); documents.json
   * comes as the pieces it is joined from (documentsFileParts), so it is never one string.
   */
  entries(): Iterable<[string, FileContents]>;
  index: CatalogIndex;
  skills: PublishedSkill[];
}

export type BuildResult = { ok: true; catalog: BuiltCatalog } | { ok: false; problems: BuildProblem[] };

export interface BuildOptions {
  /** Also write the static site (index.html, skills/<id>.html, assets/), with this page script. */
  siteScript?: string;
}

/** Every document of the catalog from the validated skills. Pure: the same sources in any order give the same bytes. */
export function buildCatalog(sources: readonly SkillSource[], options: BuildOptions = {}): BuildResult {
  return buildCatalogOfRecords(
    sources.map((source) => ({ filePath: source.filePath, ...preparedRecordOf(source), ...(source.sectionHtml ? { sectionHtml: source.sectionHtml } : {}) })),
    options,
  );
}

/** A skill's record (made on any thread) with its SKILL.md, or why it cannot be published. */
export type SkillRecord = (Omit<PreparedSkill, 'filePath'> & { ok: true }) | { ok: false; problems: string[] };

/**
 * buildCatalog from records already made (preparedRecordOf, in the per-file phase of a build).
 * Pure: the same records in any order give the same bytes.
 */
export function buildCatalogOfRecords(records: ReadonlyArray<SkillRecord & { filePath: string }>, options: BuildOptions = {}): BuildResult {
  const problems: BuildProblem[] = [];
  const byId = new Map<string, PreparedSkill>();
  const ordered = [...records].sort((a, b) => compareStrings(a.filePath, b.filePath));
  for (const record of ordered) {
    if (!record.ok) {
      for (const message of record.problems) problems.push({ filePath: record.filePath, message });
      continue;
    }
    const { id } = record.summary;
    if (byId.has(id)) {
      problems.push({ filePath: record.filePath, message: `a second skill is named \`${id}\`` });
      continue;
    }
    const { ok: _ok, ...prepared } = record;
    byId.set(id, prepared);
  }
  if (problems.length > 0) return { ok: false, problems };
  const prepared = [...byId.values()].sort((a, b) => compareStrings(a.summary.id, b.summary.id));
  const summaries = prepared.map((skill) => skill.summary);
  const index = catalogIndexOf(summaries);
  const documents = prepared.map((skill) => skill.document);
  const sectionHtml = new Map<string, NonNullable<PreparedSkill['sectionHtml']>>();
  for (const skill of prepared) if (skill.sectionHtml) sectionHtml.set(skill.summary.id, skill.sectionHtml);
  // Each file as a function that makes it, so that only what is being written is held.
  const makers: Array<[string, () => FileContents]> = [
    [CATALOG_FILE, () => canonicalJson(index)],
    [SYNC_INDEX_FILE, () => canonicalJson(syncIndexOf(summaries))],
    [DOCUMENTS_FILE, () => documentsFileParts(documents)],
  ];
  for (const skill of prepared) {
    makers.push([skillFile(skill.summary.id), () => skill.document]);
    makers.push([schemaFile(skill.summary.id), () => skill.schemas]);
  }
  for (const [file, value] of staticRouteFiles(index)) makers.push([file, () => canonicalJson(value)]);
  // The pages show, and validate against, the skills exactly as published (keys in file order).
  if (options.siteScript !== undefined) {
    const fieldKeys = prepared.map((skill) => (skill.fieldKeys ? new Map(skill.fieldKeys) : undefined));
    makers.push(...siteFiles(index, documents, options.siteScript, sectionHtml, fieldKeys));
  }
  makers.sort(([a], [b]) => compareStrings(a, b));
  // The records as objects: those made here, else (records made on another thread) parsed from their documents on first use.
  let skills: PublishedSkill[] | undefined = prepared.every((skill) => skill.skill) ? prepared.map((skill) => skill.skill as PublishedSkill) : undefined;
  return { ok: true, catalog: lazyCatalog(makers, index, () => (skills ??= documents.map((document) => JSON.parse(document) as PublishedSkill))) };
}

function lazyCatalog(makers: ReadonlyArray<[string, () => FileContents]>, index: CatalogIndex, skills: () => PublishedSkill[]): BuiltCatalog {
  let files: Map<string, string> | undefined;
  function* entries(): Generator<[string, FileContents]> {
    for (const [file, make] of makers) yield [file, make()];
  }
  return {
    get files() {
      return (files ??= new Map([...entries()].map(([file, contents]) => [file, typeof contents === 'string' ? contents : contents.join('')])));
    },
    entries,
    index,
    get skills() {
      return skills();
    },
  };
}

function catalogIndexOf(summaries: SkillSummary[]): CatalogIndex {
  return {
    $schema: CATALOG_SCHEMA_ID,
    version: 1,
    sha256: catalogDigest(summaries.map((skill) => skill.sha256)),
    skills: summaries,
  };
}

function syncIndexOf(skills: readonly SkillSummary[]): SyncIndex {
  return {
    version: 1,
    skills: skills.map((skill): SyncIndexEntry => {
      const entry: SyncIndexEntry = { name: skill.id, path: skillFolderPath(skill.path), origin: ORIGIN, category: skill.category, capability: skill.capability };
      if (skill.tags.includes(SHOWCASE_TAG)) entry.showcase = true;
      return entry;
    }),
  };
}
