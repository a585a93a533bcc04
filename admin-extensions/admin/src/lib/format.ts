const numbers = new Intl.NumberFormat('fr-FR');

/** « 1 240 »: French thousands separator. */
export function formatCount(value: number): string {
  return numbers.format(value);
}

/** « 1 ajout », « 3 ajouts »: French plural of a count. */
export function plural(count: number, one: string, many: string): string {
  return `${formatCount(count)} ${count > 1 ? many : one}`;
}
