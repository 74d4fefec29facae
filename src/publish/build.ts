import { compareStrings } from '../core/diagnostic.js';
import { canonicalJson } from './canonical-json.js';
import { documentsFileText } from './documents-file.js';
import { CATALOG_FILE, DOCUMENTS_FILE, schemaFile, skillFile, skillFolderPath, SYNC_INDEX_FILE } from './layout.js';
import { CATALOG_SCHEMA_ID, type CatalogIndex, type PublishedSkill, type SyncIndex, type SyncIndexEntry } from './model.js';
import { publishedSkillOf, type SkillSource } from './skill-record.js';
import { renderSite } from '../site/render-site.js';
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
  /** Relative path (`/` separators) to file contents, in path order. */
  files: Map<string, string>;
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
  }
  if (problems.length > 0) return { ok: false, problems };
  const skills = [...byId.values()].sort((a, b) => compareStrings(a.id, b.id));
  const index = catalogIndexOf(skills);
  const files = new Map<string, string>();
  files.set(CATALOG_FILE, canonicalJson(index));
  files.set(SYNC_INDEX_FILE, canonicalJson(syncIndexOf(skills)));
  for (const skill of skills) {
    files.set(skillFile(skill.id), canonicalJson(skill));
    files.set(schemaFile(skill.id), canonicalJson({ input_schema: skill.input_schema, output_schema: skill.output_schema }));
  }
  files.set(DOCUMENTS_FILE, documentsFileText(skills.map((skill) => files.get(skillFile(skill.id)) as string)));
  for (const [file, value] of staticRouteFiles(index)) files.set(file, canonicalJson(value));
  if (options.siteScript !== undefined) {
    // The pages show, and validate against, the skills exactly as published (keys in file order).
    const published = skills.map((skill) => JSON.parse(files.get(skillFile(skill.id)) as string) as PublishedSkill);
    for (const [file, text] of renderSite(index, published, options.siteScript)) files.set(file, text);
  }
  return { ok: true, catalog: { files: new Map([...files].sort(([a], [b]) => compareStrings(a, b))), index, skills } };
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
