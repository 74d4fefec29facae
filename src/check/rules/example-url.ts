import type { EmbeddedJson } from '../payload/embedded-json.js';
import { valueAtPointer } from '../payload/json-pointer.js';
import type { FileRule } from '../rule.js';
import { EXAMPLE_BODY, examplePath, exampleSkill } from './example-skill.js';

const HTTP = /^http:\/\//i;
/** The host of an absolute URL: `[v6]`, or everything up to the port, path, query or fragment. */
const HOST = /^[a-z][a-z0-9+.-]*:\/\/(?:[^/?#@]*@)?(\[[^\]]*\]|[^/?#:]*)/i;
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/** What is wrong with a URL written in an example, or undefined. */
export function urlProblem(value: string): string | undefined {
  const trimmed = value.trim();
  const host = HOST.exec(trimmed)?.[1];
  if (host === undefined) return undefined;
  if (IPV4.test(host) || host.startsWith('[')) {
    return `\`${shorten(trimmed)}\` points at a raw IP address: examples are copied as they are, so use a host name (\`example.com\` for a made-up one).`;
  }
  if (HTTP.test(trimmed)) {
    return `\`${shorten(trimmed)}\` is a plain \`http://\` URL: use \`https://\` (the runtime fetches media over TLS, and agents copy examples as they are).`;
  }
  return undefined;
}

export const exampleUrl: FileRule = {
  id: 'example-url',
  scope: 'file',
  severity: 'warning',
  description: 'URLs in payload templates and inline `--input` values use `https://` and a host name.',
  docs: `Agents copy a skill's payload templates and \`popiart run --input\` examples as they are, and real
skills have shipped \`http://<ip>:<port>/...\` addresses of a developer's machine in them. Each string
value that is an absolute URL is checked: a plain \`http://\` URL or one whose host is a raw IPv4 or
IPv6 address is reported at the value. Use \`https://\` and a host name; \`example.com\` (and its
subdomains) is reserved for examples.`,
  examples: [
    { title: 'An https URL with a host name', files: { [examplePath()]: exampleSkill() }, expected: [] },
    {
      title: 'A plain-HTTP URL in the template, a raw IP address in an inline input',
      files: {
        [examplePath()]: exampleSkill({
          body: EXAMPLE_BODY.replace('"aspect_ratio": "16:9"', '"aspect_ratio": "16:9",\n  "reference_image_url": "http://example.com/style.png"').replace(
            '--input @params.json',
            `--input '{"prompt": "x", "reference_image_url": "https://10.0.0.7:8080/a.png"}'`,
          ),
        }),
      },
      expected: [
        `${examplePath()}:30:96 \`https://10.0.0.7:8080/a.png\` points at a raw IP address: examples are copied as they are, so use a host name (\`example.com\` for a made-up one).`,
        `${examplePath()}:39:26 \`http://example.com/style.png\` is a plain \`http://\` URL: use \`https://\` (the runtime fetches media over TLS, and agents copy examples as they are).`,
      ],
    },
  ],
  check({ analysis, report }) {
    const documents: EmbeddedJson[] = [
      ...(analysis.facts.payloadTemplates ?? []),
      ...(analysis.facts.runInvocations ?? []).flatMap((run) => (run.input?.kind === 'json' ? [run.input.json] : [])),
    ];
    for (const json of documents) {
      // Nearly every document has no such URL: its value says so without a look at every node's pointer.
      if (!hasStringWithUrlProblem(json.value)) continue;
      for (const [pointer, range] of Object.entries(json.nodes)) {
        const value = valueAtPointer(json.value, pointer);
        if (typeof value !== 'string') continue;
        const problem = urlProblem(value);
        if (problem) report(range.value, problem);
      }
    }
  },
};

/**
 * Whether a string in the value, at any depth, has a URL problem. valueAtPointer reads own
 * properties only, so every string the loop over the nodes can find is one of these.
 */
export function hasStringWithUrlProblem(value: unknown): boolean {
  if (typeof value === 'string') return urlProblem(value) !== undefined;
  if (value === null || typeof value !== 'object') return false;
  for (const child of Array.isArray(value) ? value : Object.values(value)) if (hasStringWithUrlProblem(child)) return true;
  return false;
}

function shorten(text: string): string {
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}
