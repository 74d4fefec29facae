import { describe, expect, it } from 'vitest';
import { orderedSchema, orderedSchemaWithDescription } from '../src/derive/schema-order.js';

describe('orderedSchemaWithDescription', () => {
  const entry = { maximum: 1, description: 'from the vocabulary', type: 'number', items: { minimum: 0, type: 'integer' }, zeta: true, alpha: 'x' };

  it('is orderedSchema of the schema with its description replaced', () => {
    const replaced = orderedSchemaWithDescription(entry, 'from the item');
    expect(JSON.stringify(replaced)).toBe(JSON.stringify(orderedSchema({ ...entry, description: 'from the item' })));
    expect(Object.keys(replaced)).toEqual(['type', 'description', 'maximum', 'items', 'alpha', 'zeta']);
    expect(replaced['description']).toBe('from the item');
    expect(Object.keys(replaced['items'] as object)).toEqual(['type', 'minimum']);
  });

  it('leaves the description out when none is given', () => {
    const { description: _description, ...rest } = entry;
    const bare = orderedSchemaWithDescription(entry, undefined);
    expect(JSON.stringify(bare)).toBe(JSON.stringify(orderedSchema(rest)));
    expect(Object.hasOwn(bare, 'description')).toBe(false);
  });

  it('copies: the entry and its subschemas are not shared or changed', () => {
    const copy = orderedSchemaWithDescription(entry, 'd');
    expect(copy['items']).not.toBe(entry.items);
    expect(entry.description).toBe('from the vocabulary');
  });
});
