import { compareStrings } from '../core/diagnostic.js';
import { canonicalJson } from './canonical-json.js';
import { documentsFileText } from './documents-file.js';
import { CATALOG_FILE, DOCUMENTS_FILE, schemaFile, skillFile, skillFolderPath, SYNC_INDEX_FILE } from './layout.js';
import { CATALOG_SCHEMA_ID, type CatalogIndex, type PublishedSkill, type SyncIndex, type SyncIndexEntry } from './model.js';
import { publishedSkillOf, type SkillSource } from './skill-record.js';
import { siteFiles } from '../site/render-site.js';
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
   * than the whole catalog (the pages and documents.json are most of its bytes).
   */
  entries(): Iterable<[string, string]>;
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
  const problems: BuildProblem[] = [];
  const byId = new Map<string, PublishedSkill>();
  const texts = new Map<string, { document: string; schemas: string }>();
  const sectionHtml = new Map<string, NonNullable<SkillSource['sectionHtml']>>();
  const ordered = [...sources].sort((a, b) => compareStrings(a.filePath, b.filePath));
  for (const source of ordered) {
    const result = publishedSkillOf(source);
    if (!result.ok) {
      for (const message of result.problems) problems.push({ filePath: source.filePath, message });
      continue;
    }
    if (byId.has(result.skill.id)) {
      problems.push({ filePath: source.filePath, message: `a second skill is named \`${result.skill.id}\`` });
      continue;
    }
    byId.set(result.skill.id, result.skill);
    texts.set(result.skill.id, { document: result.document, schemas: result.schemas });
    if (source.sectionHtml) sectionHtml.set(result.skill.id, source.sectionHtml);
  }
  if (problems.length > 0) return { ok: false, problems };
  const skills = [...byId.values()].sort((a, b) => compareStrings(a.id, b.id));
  const index = catalogIndexOf(skills);
  const documents = skills.map((skill) => (texts.get(skill.id) as { document: string }).document);
  // Each file as a function that makes it, so that only what is being written is held.
  const makers: Array<[string, () => string]> = [
    [CATALOG_FILE, () => canonicalJson(index)],
    [SYNC_INDEX_FILE, () => canonicalJson(syncIndexOf(skills))],
    [DOCUMENTS_FILE, () => documentsFileText(documents)],
  ];
  skills.forEach((skill, at) => {
    makers.push([skillFile(skill.id), () => documents[at] as string]);
    makers.push([schemaFile(skill.id), () => (texts.get(skill.id) as { schemas: string }).schemas]);
  });
  for (const [file, value] of staticRouteFiles(index)) makers.push([file, () => canonicalJson(value)]);
  // The pages show, and validate against, the skills exactly as published (keys in file order).
  if (options.siteScript !== undefined) makers.push(...siteFiles(index, documents, options.siteScript, sectionHtml));
  makers.sort(([a], [b]) => compareStrings(a, b));
  return { ok: true, catalog: lazyCatalog(makers, index, skills) };
}

function lazyCatalog(makers: ReadonlyArray<[string, () => string]>, index: CatalogIndex, skills: PublishedSkill[]): BuiltCatalog {
  let files: Map<string, string> | undefined;
  function* entries(): Generator<[string, string]> {
    for (const [file, make] of makers) yield [file, make()];
  }
  return {
    get files() {
      return (files ??= new Map(entries()));
    },
    entries,
    index,
    skills,
  };
}

function catalogIndexOf(skills: readonly PublishedSkill[]): CatalogIndex {
  return {
    $schema: CATALOG_SCHEMA_ID,
    version: 1,
    sha256: catalogDigest(skills.map((skill) => skill.sha256)),
    skills: skills.map(summaryOf),
  };
}

function syncIndexOf(skills: readonly PublishedSkill[]): SyncIndex {
  return {
    version: 1,
    skills: skills.map((skill): SyncIndexEntry => {
      const entry: SyncIndexEntry = { name: skill.id, path: skillFolderPath(skill.path), origin: ORIGIN, category: skill.category, capability: skill.capability };
      if (skill.tags.includes(SHOWCASE_TAG)) entry.showcase = true;
      return entry;
    }),
  };
}
