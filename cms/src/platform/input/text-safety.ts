import { errors } from '@strapi/utils';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Why PostgreSQL cannot store this text as sent, in French, or null: a NUL character is refused by
 * text columns, and half of a UTF-16 pair would be silently replaced by « � » when encoded.
 */
export function unsafeTextReason(text: string): string | null {
  if (text.includes('\u0000')) return 'Le texte contient un caractère nul (\\u0000), qui ne peut pas être enregistré.';
  if (LONE_SURROGATE.test(text)) return 'Le texte contient un caractère invalide (moitié de paire UTF-16 isolée), qui ne peut pas être enregistré.';
  return null;
}

/** The first such reason found in a value, at any depth. */
function firstUnsafeText(value: unknown, depth = 0): string | null {
  if (depth > 64) return null;
  if (typeof value === 'string') return unsafeTextReason(value);
  if (Array.isArray(value)) {
    for (const v of value) {
      const reason = firstUnsafeText(v, depth + 1);
      if (reason) return reason;
    }
    return null;
  }
  if (value && typeof value === 'object') return firstUnsafeText(Object.values(value), depth + 1);
  return null;
}

/** True when a value holds, at any depth, a string with a NUL character, which PostgreSQL text cannot store. */
export function containsNul(value: unknown, depth = 0): boolean {
  if (depth > 32) return false;
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some((v) => containsNul(v, depth + 1));
  if (value && typeof value === 'object') return Object.values(value).some((v) => containsNul(v, depth + 1));
  return false;
}

/** Refuses such a write (NUL, lone surrogate) with a 400 instead of a 500 or a silently altered text. */
export function refuseNulCharacters(data: unknown): void {
  const reason = firstUnsafeText(data);
  if (reason) throw new errors.ValidationError(reason);
}
