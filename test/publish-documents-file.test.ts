import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../src/publish/build.js';
import { documentDigester, documentSpans, documentsFileParts, documentsFileText } from '../src/publish/documents-file.js';
import type { PublishedSkill } from '../src/publish/model.js';
import { IDS, sourceOf } from './publish-fixtures.js';

function built(): { texts: string[]; skills: PublishedSkill[]; documents: string } {
  const result = buildCatalog([sourceOf(IDS.alpha), sourceOf(IDS.beta, { title: 'Beta — “Images”' }), sourceOf(IDS.gamma)]);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  const { files, skills } = result.catalog;
  return { texts: skills.map((skill) => files.get(`skills/${skill.id}.json`) as string), skills, documents: files.get('documents.json') as string };
}

describe('documents.json', () => {
  it('is written from pieces whose concatenation is the file: each document without its final line feed, between `[` and `]`', () => {
    expect(documentsFileParts([])).toEqual(['[]\n']);
    expect(documentsFileParts(['{\n  "a": 1\n}\n'])).toEqual(['[\n', '{\n  "a": 1\n}', '\n]\n']);
    expect(documentsFileParts(['{\n  "a": 1\n}\n', '{\n  "b": 2\n}\n'])).toEqual(['[\n', '{\n  "a": 1\n}', ',\n', '{\n  "b": 2\n}', '\n]\n']);
    expect(documentsFileText(['{\n  "a": 1\n}\n', '{\n  "b": 2\n}\n'])).toBe('[\n{\n  "a": 1\n},\n{\n  "b": 2\n}\n]\n');
  });

  it('is a JSON array of the skill documents, each one\'s exact bytes found without parsing', () => {
    const { texts, skills, documents } = built();
    expect(documentsFileText(texts)).toBe(documents);
    expect(JSON.parse(documents)).toEqual(texts.map((text) => JSON.parse(text)));
    const bytes = Buffer.from(documents, 'utf8');
    const spans = documentSpans(bytes, 3);
    if (typeof spans === 'string') throw new Error(spans);
    // Byte offsets: the non-ASCII title takes more bytes than characters.
    expect(spans.map((span) => `${bytes.toString('utf8', span.start, span.end)}\n`)).toEqual(texts);
    expect(spans.map((span) => documentDigester()(bytes, span))).toEqual(skills.map((skill) => ({ recorded: skill.sha256, actual: skill.sha256 })));
    expect(documentsFileText([])).toBe('[]\n');
    expect(documentSpans(Buffer.from('[]\n'), 0)).toEqual([]);
  });

  it('says why bytes are not the documents catalog.json lists', () => {
    const { documents } = built();
    const bytes = Buffer.from(documents, 'utf8');
    expect(documentSpans(bytes, 4)).toBe('it holds 3 documents, not 4');
    expect(documentSpans(bytes, 2)).toBe('it holds more than 2 documents');
    expect(documentSpans(bytes.subarray(0, bytes.length - 10), 3)).toBe('it is cut short in document 3 of 3');
    expect(documentSpans(bytes.subarray(0, bytes.length - 1), 3)).toBe('it does not end with `]` and a line feed after the last document');
    expect(documentSpans(Buffer.from(documents.replace('[\n{', '[\n {')), 3)).toBe('document 1 does not start with `{`');
    expect(documentSpans(Buffer.from(documents.replace('},\n{', '},\n {')), 3)).toBe('it holds 2 documents, not 3');
    expect(documentSpans(Buffer.from(documents.replace('[\n', '[')), 3)).toBe('it does not start with `[` and a line feed');
    expect(documentSpans(Buffer.from('[\n]\n'), 0)).toBe('it should hold no documents');
  });

  it('leaves a document that is not in the canonical layout to a full check', () => {
    const { skills } = built();
    const compact = Buffer.from(JSON.stringify(skills[0]));
    expect(documentDigester()(compact, { start: 0, end: compact.length })).toBeUndefined();
    // A digest that is not a 64-character value on its own line.
    const odd = Buffer.from('{\n  "id": "x",\n  "sha256": "abc",\n  "tags": []\n}');
    expect(documentDigester()(odd, { start: 0, end: odd.length })).toBeUndefined();
  });
});
