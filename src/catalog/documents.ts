import type { ErrorObject, ValidateFunction } from 'ajv';
import { readProjectJson } from '../core/project-files.js';
import { catalogDigest, summaryOf } from '../publish/summary.js';
import { canonicalJson, sha256Hex } from '../publish/canonical-json.js';
import { documentDigester, documentSpans, type DocumentDigests, type DocumentSpan } from '../publish/documents-file.js';
import { CATALOG_FILE, DOCUMENTS_FILE, SAFE_ID, skillFile } from '../publish/layout.js';
import { createPayloadAjv, generatedIndexChecks } from './ajv.js';
import { readDocumentAt, scanDocumentsFile } from './documents-scan.js';
import { CatalogError, type CatalogIndex, type PublishedSkill, type SkillSummary } from './types.js';

/** Reads one file of a catalog by relative path, as bytes; undefined when it does not exist. */
export type CatalogReader = (relativePath: string) => Promise<Buffer | undefined>;

/** A skill of a loaded catalog: its summary, and its document, parsed and checked when first asked for. */
export interface SkillDocument {
  /** catalog.json's summary of the skill (checked against the catalog's schema). */
  summary: SkillSummary;
  /**
   * The document, parsed and checked against skill.schema.json and against its summary; throws a
   * CatalogError that names the document when it is not. Its bytes matched its digest at load.
   */
  parse(): PublishedSkill;
}

export interface CatalogDocuments {
  index: CatalogIndex;
  /** One per summary of catalog.json, in its order. */
  documents: SkillDocument[];
  /** documents.json, when the documents are read from it at their first use: the catalog keeps it open. */
  held?: OpenFile;
}

/** A file opened for reading by position (documents.json, for loadCatalog). */
export interface OpenFile {
  fd: number;
  close(): void;
}

/** Opens documents.json; undefined when it cannot be (the caller then reads it as a whole, or each skills/<id>.json). */
export type DocumentsOpener = () => Promise<OpenFile | undefined>;

const PARALLEL_READS = 32;

/**
 * Reads a built catalog and checks what can be checked without parsing every skill: catalog.json
 * must match its schema, every document's bytes must match the digest its summary lists, and the
 * catalog digest must match those digests, so a hand-edited, cut-short or half-copied document is
 * refused here. The documents come from documents.json, one file (or, for a catalog built before
 * it existed, from each skills/<id>.json). What needs a parse, a document's schema and its
 * agreement with its summary, is checked at its first use (SkillDocument.parse); `origin`, when
 * given, starts the messages of those later errors.
 */
export async function readCatalogDocuments(read: CatalogReader, origin?: string, openDocuments?: DocumentsOpener): Promise<CatalogDocuments> {
  const validators = lazyValidators();
  const index = parseChecked(CATALOG_FILE, decode(await read(CATALOG_FILE)), validators.index()) as CatalogIndex;
  const seen = new Set<string>();
  for (const summary of index.skills) {
    if (!SAFE_ID.test(summary.id)) throw new CatalogError(`${CATALOG_FILE}: "${summary.id}" is not a skill id`);
    if (seen.has(summary.id)) throw new CatalogError(`${CATALOG_FILE}: the skill ${summary.id} is listed twice`);
    seen.add(summary.id);
  }
  const held = openDocuments && (await openDocuments());
  if (held !== undefined) {
    const documents = heldDocuments(held, index, validators, origin);
    if (documents !== undefined) return { index, documents, held };
  }
  const sources = await documentSources(read, index.skills);
  const digestsOf = documentDigester();
  const documents = index.skills.map((summary, position) => {
    const source = sources[position] as DocumentSource;
    return checkedDocument(summary, source, digestsOf(source.bytes, source.span), validators, origin);
  });
  if (catalogDigest(index.skills.map((summary) => summary.sha256)) !== index.sha256) {
    throw new CatalogError(`${CATALOG_FILE}: its sha256 does not match the skills' digests`);
  }
  return { index, documents };
}

/**
 * The documents of a documents.json left on disk: checked in one pass at load (scanDocumentsFile),
 * each one's bytes read again, and checked against the same digest, at its first use. Undefined
 * (and the file closed) when the fast pass does not vouch for every document; the caller then
 * reads the whole file and says what is wrong with it.
 */
function heldDocuments(held: OpenFile, index: CatalogIndex, validators: Validators, origin: string | undefined): SkillDocument[] | undefined {
  let spans: DocumentSpan[] | undefined;
  try {
    spans = scanDocumentsFile(held.fd, index.skills.map((summary) => summary.sha256));
  } catch {
    spans = undefined;
  }
  if (spans === undefined || catalogDigest(index.skills.map((summary) => summary.sha256)) !== index.sha256) {
    held.close();
    return undefined;
  }
  return index.skills.map((summary, position) => {
    const file = `${DOCUMENTS_FILE}: ${summary.id}`;
    const span = spans[position] as DocumentSpan;
    return {
      summary,
      parse: named(origin, () => {
        let bytes: Buffer | undefined;
        try {
          bytes = readDocumentAt(held.fd, span, summary.sha256);
        } catch (error) {
          throw new CatalogError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
        }
        if (bytes === undefined) throw new CatalogError(`${file}: it changed on disk after the catalog was loaded`);
        return parseSkill(file, bytes.toString('utf8'), summary, validators);
      }),
    };
  });
}

/** Prefixes the CatalogErrors of a first use with the catalog's folder. */
function named(origin: string | undefined, parse: () => PublishedSkill): () => PublishedSkill {
  if (origin === undefined) return parse;
  return () => {
    try {
      return parse();
    } catch (error) {
      if (error instanceof CatalogError) throw new CatalogError(`${origin}: ${error.message}`);
      throw error;
    }
  };
}

/** Where a document's bytes are, and the name its errors give it. */
interface DocumentSource {
  file: string;
  bytes: Buffer;
  span: DocumentSpan;
}

async function documentSources(read: CatalogReader, summaries: readonly SkillSummary[]): Promise<DocumentSource[]> {
  const bundle = await read(DOCUMENTS_FILE);
  if (bundle !== undefined) {
    const spans = documentSpans(bundle, summaries.length);
    if (typeof spans === 'string') throw new CatalogError(`${DOCUMENTS_FILE}: ${spans}`);
    return spans.map((span, position) => ({ file: `${DOCUMENTS_FILE}: ${(summaries[position] as SkillSummary).id}`, bytes: bundle, span }));
  }
  const sources: DocumentSource[] = [];
  for (let start = 0; start < summaries.length; start += PARALLEL_READS) {
    const batch = summaries.slice(start, start + PARALLEL_READS);
    const contents = await Promise.all(batch.map((summary) => read(skillFile(summary.id))));
    batch.forEach((summary, i) => {
      const file = skillFile(summary.id);
      const bytes = contents[i];
      if (bytes === undefined) throw new CatalogError(`${file} is missing`);
      sources.push({ file, bytes, span: { start: 0, end: bytes[bytes.length - 1] === 0x0a ? bytes.length - 1 : bytes.length } });
    });
  }
  return sources;
}

/**
 * A document whose bytes are checked against its summary's digest now, and parsed at first use.
 * Bytes that are not the build's canonical layout (a copy reformatted by hand) are parsed and
 * checked in full now instead, as the digest is defined on the canonical JSON of the content.
 */
function checkedDocument(
  summary: SkillSummary,
  source: DocumentSource,
  digests: DocumentDigests | undefined,
  validators: Validators,
  origin: string | undefined,
): SkillDocument {
  const { file, bytes, span } = source;
  if (digests !== undefined && digests.actual === digests.recorded) {
    if (digests.recorded !== summary.sha256) throw new CatalogError(`${file}: it does not agree with its summary in ${CATALOG_FILE}`);
    return { summary, parse: named(origin, () => parseSkill(file, bytes.toString('utf8', span.start, span.end), summary, validators)) };
  }
  const skill = parseSkill(file, bytes.toString('utf8', span.start, span.end), summary, validators, true);
  return { summary, parse: () => skill };
}

function parseSkill(file: string, text: string, summary: SkillSummary, validators: Validators, checkDigest = false): PublishedSkill {
  const skill = parseChecked(file, text, validators.skill()) as PublishedSkill;
  if (checkDigest) {
    const { sha256, ...content } = skill;
    if (sha256Hex(canonicalJson(content)) !== sha256) throw new CatalogError(`${file}: its sha256 does not match its content`);
  }
  if (canonicalJson(summaryOf(skill)) !== canonicalJson(summary)) {
    throw new CatalogError(`${file}: it does not agree with its summary in ${CATALOG_FILE}`);
  }
  return skill;
}

interface Validators {
  index(): Check;
  skill(): Check;
}

/** A validator, and optionally a faster yes/no check whose `true` is final (the validator decides the rest). */
interface Check {
  validate: ValidateFunction;
  accepts?: (value: unknown) => boolean;
}

/** The two document validators, compiled when first needed: the skill one only when a document is parsed. */
function lazyValidators(): Validators {
  let ajv: ReturnType<typeof createPayloadAjv> | undefined;
  let index: Check | undefined;
  let skill: Check | undefined;
  const withSkillSchema = () => {
    if (!ajv) {
      ajv = createPayloadAjv();
      ajv.addSchema(readProjectJson('skill.schema.json') as object);
    }
    return ajv;
  };
  return {
    index: () => (index ??= generatedIndexChecks() ?? { validate: withSkillSchema().compile(readProjectJson('catalog.schema.json') as object) }),
    skill: () => {
      if (!skill) {
        const validate = withSkillSchema().getSchema('https://popiart.dev/schemas/skill.schema.json');
        if (!validate) throw new Error('schemas/skill.schema.json has no $id');
        skill = { validate };
      }
      return skill;
    },
  };
}

function decode(bytes: Buffer | undefined): string | undefined {
  return bytes?.toString('utf8');
}

function parseChecked(file: string, text: string | undefined, { validate, accepts }: Check): unknown {
  if (text === undefined) throw new CatalogError(`${file} is missing`);
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (error) {
    throw new CatalogError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  if (accepts?.(value) !== true && !validate(value)) throw new CatalogError(`${file} does not match its schema: ${summarize(validate.errors ?? [])}`);
  return value;
}

function summarize(errors: readonly ErrorObject[]): string {
  const shown = errors.slice(0, 3).map((error) => `${error.instancePath || '/'} ${error.message ?? 'is invalid'}`);
  return `${shown.join('; ')}${errors.length > 3 ? ` (and ${errors.length - 3} more)` : ''}`;
}
