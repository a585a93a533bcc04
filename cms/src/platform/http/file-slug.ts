/** « Appel téléphonique » → « appel-telephonique »: a part of a file name safe on every system and in every URL. */
export function fileSlug(text: string, max = 60): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, max);
}
