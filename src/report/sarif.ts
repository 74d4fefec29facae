import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import type { Log, ReportingDescriptor, Result } from 'sarif';
import type { Rule } from '../check/rule.js';
import type { Diagnostic } from '../core/diagnostic.js';
import { folderUrl, isInside, relativePosixPath, relativeUri } from './paths.js';
import type { FileReport, Formatter } from './types.js';

const SRCROOT = '%SRCROOT%';

/**
 * The key of our fingerprint in `partialFingerprints`: sha256 (hex) of the rule id, the result's
 * artifact URI, the message and the occurrence number (from 1) of that (rule, message) pair in the
 * file, joined by NUL.
 * It leaves line numbers out, so code scanning keeps tracking an alert when lines above it move.
 * Bump the version if the recipe changes.
 */
export const FINGERPRINT_KEY = 'skillhub/v1';

/**
 * SARIF 2.1.0 for GitHub code scanning: the rules with their docs, one result per diagnostic with a
 * URI relative to `%SRCROOT%` (the working folder). Deterministic: no timestamps, fixed key order.
 */
export const formatSarif: Formatter = (reports, { cwd, rules, toolVersion, informationUri }) => {
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const log: Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'skillhub',
            ...(informationUri === undefined ? {} : { informationUri }),
            version: toolVersion,
            semanticVersion: toolVersion,
            rules: rules.map(ruleDescriptor),
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: folderUrl(cwd) } },
        results: reports.flatMap((report) => fileResults(report, cwd, ruleIndex)),
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};

function ruleDescriptor(rule: Rule): ReportingDescriptor {
  const help = `${rule.docs}\n\nExamples: \`skillhub rules ${rule.id}\`.`;
  return {
    id: rule.id,
    name: pascalCase(rule.id),
    shortDescription: { text: rule.description },
    fullDescription: { text: firstParagraph(rule.docs) },
    help: { text: help, markdown: help },
    defaultConfiguration: { level: rule.severity },
    properties: { tags: ['skillhub', rule.id.split('-')[0] as string] },
  };
}

function fileResults(report: FileReport, cwd: string, ruleIndex: ReadonlyMap<string, number>): Result[] {
  const artifactLocation = isInside(cwd, report.filePath)
    ? { uri: relativeUri(relativePosixPath(cwd, report.filePath)), uriBaseId: SRCROOT }
    : { uri: pathToFileURL(report.filePath).href };
  const occurrences = new Map<string, number>();
  return report.diagnostics.map((d) => {
    const key = `${d.ruleId}\0${d.message}`;
    const occurrence = (occurrences.get(key) ?? 0) + 1;
    occurrences.set(key, occurrence);
    const index = ruleIndex.get(d.ruleId);
    return {
      ruleId: d.ruleId,
      ...(index === undefined ? {} : { ruleIndex: index }),
      level: d.severity,
      message: { text: d.message },
      locations: [{ physicalLocation: { artifactLocation, region: region(d) } }],
      partialFingerprints: { [FINGERPRINT_KEY]: fingerprint(d, artifactLocation.uri, occurrence) },
    };
  });
}

function region(d: Diagnostic) {
  const { start, end } = d.range;
  return { startLine: start.line, startColumn: start.column, endLine: end.line, endColumn: end.column };
}

function fingerprint(d: Diagnostic, uri: string, occurrence: number): string {
  return createHash('sha256').update([d.ruleId, uri, d.message, String(occurrence)].join('\0')).digest('hex');
}

/** `frontmatter-unknown-field` -> `FrontmatterUnknownField`, SARIF's readable rule name. */
export function pascalCase(id: string): string {
  return id
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

/** The docs' first paragraph on one line, for `fullDescription`. */
function firstParagraph(markdown: string): string {
  const [first = ''] = markdown.trim().split(/\n\s*\n/);
  return first.replace(/\s*\n\s*/g, ' ');
}
