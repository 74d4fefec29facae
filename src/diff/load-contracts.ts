import { stat } from 'node:fs/promises';
import path from 'node:path';
import { loadCatalog } from '../catalog/load.js';
import { CatalogError } from '../catalog/types.js';
import type { JsonSchema } from '../derive/index.js';
import { buildCatalogFromRoot, hasErrors } from '../publish/pipeline.js';
import { CATALOG_FILE } from '../publish/layout.js';

export class ContractSourceError extends Error {}

/**
 * Each skill's published input schema, by id, from a built catalog folder (it has catalog.json)
 * or from a skills folder (built in memory; a skill with validation errors cannot be compared).
 */
export async function loadInputContracts(given: string, cwd: string): Promise<Map<string, JsonSchema>> {
  const folder = path.resolve(cwd, given);
  if (!(await stat(folder).then((stats) => stats.isDirectory(), () => false))) throw new ContractSourceError(`${given} is not a folder`);
  if (await stat(path.join(folder, CATALOG_FILE)).then(() => true, () => false)) {
    try {
      const catalog = await loadCatalog(folder);
      return new Map(catalog.ids.map((id) => [id, catalog.get(id)?.input_schema as JsonSchema]));
    } catch (error) {
      if (error instanceof CatalogError) throw new ContractSourceError(`${given}: ${error.message.replace(`${folder}: `, '')}`);
      throw error;
    }
  }
  const { results, build } = await buildCatalogFromRoot(folder, cwd, { onlyValid: true });
  const broken = results.filter(hasErrors).map((result) => path.relative(cwd, result.filePath));
  if (broken.length > 0) throw new ContractSourceError(`${given}: fix the validation errors first (${broken.slice(0, 3).join(', ')}${broken.length > 3 ? ', ...' : ''}; run skillhub validate)`);
  if (!build?.ok) throw new ContractSourceError(`${given}: the skills cannot be built into a catalog`);
  return new Map(build.catalog.skills.map((skill) => [skill.id, skill.input_schema]));
}
