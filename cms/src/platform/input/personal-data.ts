import { failOnField } from './field-error';

/**
 * What a text meant for the public must not hold: an e-mail address, a phone number, or the name
 * of the person it is about. A reviewer still reads every text before it is published; this
 * catches the slips a reviewer makes under pressure (a reply pasted from the mail to the citizen).
 */
const EMAIL = /[^\s@<>()]+@[^\s@<>()]+\.[a-z]{2,}/i;
// French numbers as people write them: 01 23 45 67 89, 01.23.45.67.89, 0123456789, +33 1 23 45 67 89.
const PHONE = /(?:\+33\s?|\b0)[1-9](?:[\s.-]?\d{2}){4}\b/;

const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

/** What names the person a complaint is from: their name, and the part of their e-mail before the @. */
export function contactNames(contact: { contactName?: string | null; contactEmail?: string | null } | null | undefined): (string | null)[] {
  return [contact?.contactName ?? null, contact?.contactEmail?.split('@')[0] ?? null];
}

/** The kinds of personal data found in `text`, in French (« une adresse électronique »…); empty when none. */
export function personalDataIn(text: string, names: (string | null | undefined)[] = []): string[] {
  const found: string[] = [];
  if (EMAIL.test(text)) found.push('une adresse électronique');
  if (PHONE.test(text)) found.push('un numéro de téléphone');
  const folded = ` ${fold(text).replace(/[^a-z0-9]+/g, ' ')} `;
  // Each word of the person's name of 3 letters or more, as a whole word (« Martin », not « martinet »).
  const words = names.flatMap((name) => fold(name ?? '').split(/[^a-z0-9]+/)).filter((word) => word.length >= 3);
  if (words.some((word) => folded.includes(` ${word} `))) found.push('le nom de la personne');
  return found;
}

/**
 * A text a write wants to publish (`undefined`: not part of the write): required when asked for,
 * and free of the e-mail, phone and name of the person — else a French 400 naming the field.
 */
export function checkPublicText(value: unknown, path: string, label: string, names: (string | null)[], required: boolean): void {
  if (value === undefined) return;
  if (value === null || (typeof value === 'string' && !value.trim())) {
    if (required) failOnField(`${label} : ce texte est obligatoire.`, path);
    return;
  }
  if (typeof value !== 'string') failOnField(`${label} : un texte est attendu.`, path);
  const found = personalDataIn(value, names);
  if (found.length) failOnField(`${label} : ce texte sera public et contient ${found.join(', ')}. Retirez-les avant d’enregistrer.`, path);
}
