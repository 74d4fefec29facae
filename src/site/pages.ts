import type { PublishedSkill, SkillSummary } from '../publish/model.js';
import { codeForScript, escapeHtml, jsonForScript } from './html.js';
import { inputRowsOf } from './input-rows.js';
import { markdownToHtml } from './markdown-html.js';
import { describeSchema, isSchema } from '../check/payload/schema-words.js';

const e = escapeHtml;

/** A description with its `code spans` shown as code. */
function withCode(text: string): string {
  return e(text).replace(/`([^`]+)`/g, '<code>$1</code>');
}

/**
 * How a skill page checks payloads: through the shared field checks (`fields`, each property's
 * check id in assets/fields.js or in `local`, this page's own checks by id), or, for an input schema
 * the shell cannot run, with a whole validator of its own (`validator`).
 */
export type PageValidation = { fields: Record<string, string>; local: ReadonlyArray<[string, string]> } | { validator: string };

/** The registration of compiled checks by id (ajv standalone code, CommonJS-shaped), as a script. */
export function fieldChecksScript(checks: ReadonlyArray<[string, string]>): string {
  return `skillhub.addFieldChecks({\n${checks.map(([id, code]) => `${JSON.stringify(id)}: function (module, exports, require) {${code}\n}`).join(',\n')}\n});\n`;
}

function page(title: string, prefix: string, body: string, tail = '', scripts: readonly string[] = ['site.js']): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(title)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${prefix}assets/site.css">
</head>
<body>
${body}
${scripts.map((script) => `<script src="${prefix}assets/${script}"></script>\n`).join('')}${tail}</body>
</html>
`;
}

/** The catalog's front page: every skill, with search and filters that work without a server. Pure. */
export function renderIndexPage(skills: readonly SkillSummary[], digest: string): string {
  const options = (key: 'category' | 'capability' | 'model_type', label: string) => {
    const values = [...new Set(skills.map((skill) => skill[key]))].sort();
    return `<label>${label} <select data-filter="${key}"><option value="">all</option>${values.map((value) => `<option>${e(value)}</option>`).join('')}</select></label>`;
  };
  const rows = skills.map((skill) => {
    return `<li class="skill" data-category="${e(skill.category)}" data-capability="${e(skill.capability)}" data-model_type="${e(skill.model_type)}">
<h2><a href="skills/${e(skill.id)}.html">${e(skill.name)}</a></h2>
<p class="id"><code>${e(skill.id)}</code></p>
<p>${e(skill.description)}</p>
<p class="meta"><span class="model">${e(skill.model_type)}</span> <span>about ${skill.estimated_duration_s} s</span> ${skill.tags.map((tag) => `<span class="tag">${e(tag)}</span>`).join(' ')}</p>
</li>`;
  });
  const body = `<header><h1>PopiArt skills</h1><p>${skills.length} skill${skills.length === 1 ? '' : 's'} · catalog <code>${e(digest.slice(0, 12))}</code></p></header>
<main>
<form class="filters" role="search" onsubmit="return false">
<input type="search" id="search" placeholder="Search skills" aria-label="Search skills" autocomplete="off">
${options('category', 'Category')}
${options('capability', 'Capability')}
${options('model_type', 'Model type')}
</form>
<p id="count" aria-live="polite">${skills.length} of ${skills.length} skills</p>
<ul id="skills">
${rows.join('\n')}
</ul>
</main>`;
  return page('PopiArt skills', '', body);
}

/** Published sections already rendered, each exactly `markdownToHtml(skill.sections[name])`. */
export type SectionHtml = Partial<Record<keyof PublishedSkill['sections'], string>>;

/** One skill's page: what it takes, what it returns, how to run it, and a box to try a payload. Pure. */
export function renderSkillPage(skill: PublishedSkill, validation: PageValidation, rendered: SectionHtml = {}): string {
  const rows = inputRowsOf(skill.input_schema);
  const examples = skill.input_schema['examples'];
  const example = Array.isArray(examples) && examples.length > 0 ? examples[0] : {};
  const outputs = isSchema(skill.output_schema['properties']) ? Object.entries(skill.output_schema['properties']) : [];
  const outputRequired = new Set(Array.isArray(skill.output_schema['required']) ? skill.output_schema['required'].map(String) : []);
  const section = (title: string, name: keyof SectionHtml) => {
    const markdown = skill.sections[name];
    return markdown ? `<section><h2>${title}</h2>\n${rendered[name] ?? markdownToHtml(markdown)}\n</section>` : '';
  };
  const body = `<header><p><a href="../index.html">← All skills</a></p><h1>${e(skill.name)}</h1><p class="id"><code>${e(skill.id)}</code></p></header>
<main>
<p>${e(skill.description)}</p>
${skill.profile_description ? `<p class="profile">Default profile: ${e(skill.profile_description)}</p>` : ''}
<p class="meta"><span class="model">${e(skill.model_type)}</span> <span>about ${skill.estimated_duration_s} s</span> ${skill.tags.map((tag) => `<span class="tag">${e(tag)}</span>`).join(' ')}</p>
<section><h2>Inputs</h2>
<table id="inputs"><thead><tr><th>name</th><th>type</th><th>required</th><th>range</th><th>enumeration</th><th>default</th><th>alias of</th><th>description</th></tr></thead><tbody>
${rows.map((row) => `<tr><td><code>${e(row.name)}</code></td><td>${e(row.type)}</td><td>${e(row.requirement)}</td><td>${e(row.range)}</td><td>${e(row.enumeration)}</td><td>${e(row.default)}</td><td>${row.aliasOf ? `<code>${e(row.aliasOf)}</code>` : ''}</td><td>${withCode(row.description)}</td></tr>`).join('\n')}
</tbody></table>
</section>
<section><h2>Example payload</h2><pre id="example"><code>${e(JSON.stringify(example, null, 2))}</code></pre></section>
<section><h2>Try a payload</h2>
<p>Checked in your browser against the published input schema, with the messages of <code>skillhub check</code>.</p>
<textarea id="payload" rows="8" spellcheck="false" aria-label="Payload (JSON)">${e(JSON.stringify(example, null, 2))}</textarea>
<p><button type="button" id="validate">Validate</button></p>
<div id="result" aria-live="polite"></div>
</section>
<section><h2>Outputs</h2>
<table id="outputs"><thead><tr><th>name</th><th>type</th><th>always</th><th>description</th></tr></thead><tbody>
${outputs.map(([name, field]) => `<tr><td><code>${e(name)}</code></td><td>${e(describeSchema(field, skill.output_schema))}</td><td>${outputRequired.has(name) ? 'yes' : ''}</td><td>${withCode(isSchema(field) && typeof field['description'] === 'string' ? field['description'] : '')}</td></tr>`).join('\n')}
</tbody></table>
</section>
${section('Command pattern', 'command_pattern')}
${section('Workflow', 'workflow')}
${section('Output handling', 'output_handling')}
${section('Operating guidance', 'operating_guidance')}
<footer><p>Source: <code>${e(skill.skill_md_path)}</code> · JSON: <a href="${e(skill.id)}.json">${e(skill.id)}.json</a></p></footer>
</main>`;
  const checks =
    'validator' in validation
      ? `<script>skillhub.useValidator(function (module, exports, require) {${codeForScript(validation.validator)}\n});</script>\n`
      : `<script type="application/json" id="field-checks">${jsonForScript(validation.fields)}</script>\n${
          validation.local.length > 0 ? `<script>${codeForScript(fieldChecksScript(validation.local))}</script>\n` : ''
        }`;
  const tail = `<script type="application/json" id="input-schema">${jsonForScript(skill.input_schema)}</script>\n${checks}`;
  return page(`${skill.name} · PopiArt skills`, '../', body, tail, ['site.js', 'fields.js']);
}
