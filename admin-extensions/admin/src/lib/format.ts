const numbers = new Intl.NumberFormat('fr-FR');

/** « 1 240 »: French thousands separator. */
export function formatCount(value: number): string {
  return numbers.format(value);
}

/** « 1 ajout », « 3 ajouts »: French plural of a count. */
export function plural(count: number, one: string, many: string): string {
  return `${formatCount(count)} ${count > 1 ? many : one}`;
}

/** What the import leaves as it is, in a sentence that agrees with the count. */
export function untouched(unchanged: number): string {
  if (unchanged === 0) return 'Rien n’est supprimé.';
  if (unchanged === 1) return 'L’élément inchangé n’est pas touché, et rien n’est supprimé.';
  return `Les ${unchanged} éléments inchangés ne sont pas touchés, et rien n’est supprimé.`;
}
