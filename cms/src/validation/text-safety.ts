import { errors } from '@strapi/utils';

/** True when a value holds, at any depth, a string with a NUL character, which PostgreSQL text cannot store. */
export function containsNul(value: unknown, depth = 0): boolean {
  if (depth > 32) return false;
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some((v) => containsNul(v, depth + 1));
  if (value && typeof value === 'object') return Object.values(value).some((v) => containsNul(v, depth + 1));
  return false;
}

/** Refuses such a write with a 400 instead of letting the database fail it with a 500. */
export function refuseNulCharacters(data: unknown): void {
  if (containsNul(data)) {
    throw new errors.ValidationError('Le texte contient un caractère nul (\\u0000), qui ne peut pas être enregistré.');
  }
}
