import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { describeIssues, referentialLibrarySchema, type ReferentialLibrary } from './library-format';

export class LibraryFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`Le fichier ${path.basename(file)} ne peut pas être importé :\n- ${problems.join('\n- ')}`);
    this.name = 'LibraryFileError';
  }
}

/** Reads a référentiel library (.yaml, .yml or .json) and checks it against the library format. */
export function readLibraryFile(file: string): ReferentialLibrary {
  let raw: unknown;
  try {
    const text = fs.readFileSync(file, 'utf8');
    raw = file.endsWith('.json') ? JSON.parse(text) : YAML.parse(text);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'fichier introuvable' : (error as Error).message;
    throw new LibraryFileError(file, [reason]);
  }
  const parsed = referentialLibrarySchema.safeParse(raw);
  if (!parsed.success) throw new LibraryFileError(file, describeIssues(parsed.error));
  return parsed.data;
}
