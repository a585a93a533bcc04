import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import type { z } from 'zod';

/**
 * The declarative business configuration lives in the repository's top-level config/ folder
 * (CHARTE_CONFIG_DIR overrides it, e.g. in a container image). It is read once and validated:
 * a wrong file stops boot with a message that says which file and which entry.
 */
export function configDir(): string {
  return process.env.CHARTE_CONFIG_DIR ?? path.join(repositoryRoot(), 'config');
}

/**
 * The repository's top folder, found upwards from this file, so that the same code works from the
 * TypeScript sources (tests) and from cms/dist (runtime).
 */
export function repositoryRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'config', 'workflows.yaml'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('Dossier config/ introuvable : définissez CHARTE_CONFIG_DIR.');
    dir = parent;
  }
  return dir;
}

/** `name` is a file of config/, or an absolute path (a file given by an environment variable, e.g. in tests). */
export function readConfigFile<T extends z.ZodTypeAny>(name: string, schema: T): z.infer<T> {
  const file = path.isAbsolute(name) ? name : path.join(configDir(), name);
  const shown = path.isAbsolute(name) ? name : `config/${name}`;
  let raw: unknown;
  try {
    raw = YAML.parse(fs.readFileSync(file, 'utf8'), { merge: true });
  } catch (error) {
    throw new Error(`${shown} illisible : ${(error as Error).message}`, { cause: error });
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i: z.ZodIssue) => {
      const keys = i.code === 'unrecognized_keys' ? ` : ${i.keys.map((k) => `« ${k} »`).join(', ')}` : '';
      return `- ${i.path.join('.') || '(racine)'} : ${i.message}${keys}`;
    });
    throw new Error(`${shown} invalide :\n${lines.join('\n')}`);
  }
  return parsed.data;
}
