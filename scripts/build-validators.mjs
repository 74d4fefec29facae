#!/usr/bin/env node
// Part of `npm run build`: compiles the project's own static schemas (front matter, agents
// metadata, the field vocabulary's file format) to standalone ajv code in
// dist/generated/static-validators.cjs, so a run loads ready validators instead of compiling them
// (and ajv's meta-schema) at every start; and the payload checks' validator of the built-in field
// vocabulary to dist/generated/payload-vocabulary.cjs, and the catalog index's validator to
// dist/generated/catalog-index.cjs. Each export carries the SHA-256 of the schema text it was
// made from; src/check/static-validators.ts compiles at run time instead when the text differs.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const { STATIC_SCHEMAS } = await import(pathToFileURL(path.join(ROOT, 'dist', 'check', 'static-validators.js')).href);
const { createAjv } = await import(pathToFileURL(path.join(ROOT, 'dist', 'check', 'environment.js')).href);
const { default: standaloneCode } = await import('ajv/dist/standalone/index.js');

// The same options as the run's own ajv (createAjv), plus the source kept for code generation.
const ajv = createAjv({ code: { source: true } });
const exports = {};
const hashes = {};
for (const [name, file] of Object.entries(STATIC_SCHEMAS)) {
  const text = readFileSync(path.join(ROOT, 'schemas', file), 'utf8');
  ajv.addSchema(JSON.parse(text), `static:${name}`);
  exports[name] = `static:${name}`;
  hashes[name] = createHash('sha256').update(text).digest('hex');
}
// The built-in field vocabulary, checked here as every run would check it (readVocabularyFile with
// this schema): a run whose vocabulary and schema texts have these hashes parses it without
// checking it again (src/load/vocabulary.ts). A vocabulary that fails gets no entry, and each run
// then reports it as before.
const { readVocabularyFile } = await import(pathToFileURL(path.join(ROOT, 'dist', 'derive', 'vocabulary.js')).href);
const vocabularyText = readFileSync(path.join(ROOT, 'schemas', 'input-fields.json'), 'utf8');
const vocabularyChecked = readVocabularyFile('schemas/input-fields.json', vocabularyText, ajv.getSchema('static:vocabularyFile')).ok;
const verifiedVocabulary = vocabularyChecked ? `exports.verifiedVocabulary = ${JSON.stringify({ text: createHash('sha256').update(vocabularyText).digest('hex'), schema: hashes.vocabularyFile })};\n` : '';
writeGenerated('static-validators.cjs', `${standaloneCode(ajv, exports)}\nexports.sha256 = ${JSON.stringify(hashes)};\n${verifiedVocabulary}`);

// The payload checks' validator of the built-in field vocabulary, made exactly as
// src/check/payload/payload-validators.ts would compile it (the lint-time ajv); the hash is of the
// JSON text of that schema, which the run compares before using the code.
const { loadVocabulary } = await import(pathToFileURL(path.join(ROOT, 'dist', 'load', 'vocabulary.js')).href);
const { LINT_TIME_AJV_OPTIONS } = await import(pathToFileURL(path.join(ROOT, 'dist', 'check', 'payload', 'payload-validators.js')).href);
const vocabularySchema = { type: 'object', properties: Object.fromEntries(loadVocabulary(createAjv).input) };
const lintAjv = createAjv({ ...LINT_TIME_AJV_OPTIONS, code: { ...LINT_TIME_AJV_OPTIONS.code, source: true } });
lintAjv.addSchema(vocabularySchema, 'payload:vocabulary');
const vocabularyHash = createHash('sha256').update(JSON.stringify(vocabularySchema)).digest('hex');
writeGenerated(
  'payload-vocabulary.cjs',
  `${standaloneCode(lintAjv, { payloadVocabulary: 'payload:vocabulary' })}\nexports.sha256 = ${JSON.stringify({ payloadVocabulary: vocabularyHash })};\n`,
);

// The catalog index's validator, with the settings loadCatalog compiles it with (createPayloadAjv):
// reading a 10,000-skill catalog otherwise spends about 0.1 s compiling it.
const { createPayloadAjv, INDEX_SCHEMA_FILES, indexSchemasDigest } = await import(pathToFileURL(path.join(ROOT, 'dist', 'catalog', 'ajv.js')).href);
const indexTexts = INDEX_SCHEMA_FILES.map((file) => readFileSync(path.join(ROOT, 'schemas', file), 'utf8'));
const catalogAjv = createPayloadAjv({ code: { source: true } });
catalogAjv.addSchema(JSON.parse(indexTexts[1]));
catalogAjv.addSchema(JSON.parse(indexTexts[0]), 'catalog:index');
// And next to it a yes/no check specialised to the same schemas (src/catalog/fast-check-code.ts):
// loadCatalog asks ajv only about an index that check refuses.
const { fastCheckSource } = await import(pathToFileURL(path.join(ROOT, 'dist', 'catalog', 'fast-check-code.js')).href);
const indexSchemas = indexTexts.map((text) => JSON.parse(text));
const accepts = fastCheckSource(indexSchemas[0], (ref) => resolveIndexRef(indexSchemas, ref));
writeGenerated(
  'catalog-index.cjs',
  `${standaloneCode(catalogAjv, { index: 'catalog:index' })}\n${accepts ? `exports.accepts = ${accepts};\n` : ''}exports.sha256 = ${JSON.stringify(indexSchemasDigest(indexTexts))};\n`,
);

/** A `$ref` of catalog.schema.json: `<file>#<JSON pointer>` into one of the index schemas; undefined for any other form. */
function resolveIndexRef(schemas, ref) {
  const match = /^([a-z-]+\.schema\.json)#(\/.*)$/.exec(ref);
  const schema = match && schemas[INDEX_SCHEMA_FILES.indexOf(match[1])];
  if (!schema) return undefined;
  let target = schema;
  for (const part of match[2].slice(1).split('/')) {
    const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
    if (target === null || typeof target !== 'object' || !Object.hasOwn(target, key)) return undefined;
    target = target[key];
  }
  return target;
}

function writeGenerated(name, code) {
  const target = path.join(ROOT, 'dist', 'generated', name);
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(`${target}.tmp`, code);
  renameSync(`${target}.tmp`, target);
}
