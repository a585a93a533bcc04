import type { z } from 'zod';

/**
 * Holds an answer of the cms to the contract: parsed by its schema (a field missing or of another
 * type throws, naming it) and equal to what the schema keeps (a field the contract does not declare
 * fails too). Returns the typed value.
 */
export function expectContract<S extends z.ZodTypeAny>(schema: S, value: unknown): z.infer<S> {
  const parsed = schema.parse(value);
  expect(parsed).toEqual(value);
  return parsed;
}
