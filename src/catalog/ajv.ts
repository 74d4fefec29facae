import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

/**
 * The validator settings of the lint environment (src/check/environment.ts), rebuilt here so a
 * server that only reads a catalog does not load the linter. `allErrors`: a client wants every
 * problem of a payload at once.
 */
export function createPayloadAjv(): Ajv2020 {
  // ownProperties: a field named `toString` or `constructor` is absent unless the payload has it.
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true, ownProperties: true });
  addFormats.default(ajv);
  return ajv;
}
