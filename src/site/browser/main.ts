/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The catalog pages' script (bundled by scripts/build-site-assets.mjs into assets/site.js, a
 * classic script, so it also runs from file://): the front page's search and filters, and the
 * skill page's "try a payload" box. Payload messages come from the same module as the server's
 * and `skillhub check`'s.
 */
import { describePayloadErrors } from '../../check/payload/describe-errors.js';
import { FieldCheckRegistry, loadFactory, type Factory, type Validate } from './field-registry.js';
import { runtimeModule } from './runtime-modules.js';

let validator: Validate | undefined;
const fieldChecks = new FieldCheckRegistry(runtimeModule);

/** Called by a skill page whose input schema has a whole validator of its own. */
function useValidator(factory: Factory): void {
  validator = loadFactory(factory, runtimeModule) as Validate;
}

/** Called by assets/fields.js, and by a skill page with the field checks only it uses. */
function addFieldChecks(checks: Record<string, Factory>): void {
  fieldChecks.add(checks);
}

(globalThis as unknown as { skillhub: unknown }).skillhub = { useValidator, addFieldChecks };

document.addEventListener('DOMContentLoaded', () => {
  if (document.getElementById('skills')) setUpIndex();
  if (document.getElementById('payload')) setUpTryBox();
});

function setUpIndex(): void {
  const search = document.getElementById('search') as HTMLInputElement;
  const selects = [...document.querySelectorAll<HTMLSelectElement>('select[data-filter]')];
  const rows = [...document.querySelectorAll<HTMLElement>('#skills > li')];
  // What a row shows (name, id, description, tags, model type) is what the search looks in.
  const texts = new Map(rows.map((row) => [row, (row.textContent ?? '').toLowerCase()]));
  const count = document.getElementById('count') as HTMLElement;
  const apply = () => {
    const words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
    let shown = 0;
    for (const row of rows) {
      const text = texts.get(row) ?? '';
      const visible =
        words.every((word) => text.includes(word)) && selects.every((select) => select.value === '' || row.dataset[select.dataset['filter'] ?? ''] === select.value);
      row.hidden = !visible;
      if (visible) shown++;
    }
    count.textContent = `${shown} of ${rows.length} skills`;
  };
  search.addEventListener('input', apply);
  for (const select of selects) select.addEventListener('change', apply);
  apply();
}

function setUpTryBox(): void {
  const box = document.getElementById('payload') as HTMLTextAreaElement;
  const result = document.getElementById('result') as HTMLElement;
  const schema = JSON.parse(document.getElementById('input-schema')?.textContent ?? '{}') as unknown;
  const ids = document.getElementById('field-checks');
  if (ids) validator = fieldChecks.validatorFor(schema, JSON.parse(ids.textContent ?? '{}') as Record<string, string>);
  const run = () => {
    result.replaceChildren();
    let payload: unknown;
    try {
      payload = JSON.parse(box.value) as unknown;
    } catch (error) {
      show(result, 'invalid', 'The payload is not valid JSON:', [`${(error as Error).message}`]);
      return;
    }
    if (!validator) {
      show(result, 'invalid', 'This page has no validator.', []);
      return;
    }
    if (validator(payload)) {
      show(result, 'valid', 'The payload is valid.', []);
      return;
    }
    const problems = describePayloadErrors(validator.errors ?? [], payload, schema);
    const count = problems.length;
    show(
      result,
      'invalid',
      `The payload is not valid (${count} problem${count === 1 ? '' : 's'}):`,
      problems.map((problem) => `${problem.pointer === '' ? '(payload)' : problem.pointer}  ${problem.message}  ${problem.keyword}`),
    );
  };
  document.getElementById('validate')?.addEventListener('click', run);
  box.addEventListener('input', run);
  run();
}

function show(target: HTMLElement, verdict: 'valid' | 'invalid', headline: string, lines: string[]): void {
  target.className = verdict;
  const title = document.createElement('p');
  title.textContent = headline;
  target.append(title);
  if (lines.length === 0) return;
  const list = document.createElement('ul');
  for (const line of lines) {
    const item = document.createElement('li');
    item.textContent = line;
    list.append(item);
  }
  target.append(list);
}
