import type { Core } from '@strapi/strapi';

type Env = Core.Config.Shared.ConfigParams['env'];

/**
 * Secrets come from the environment (`npm start` writes random ones to cms/.env on first run).
 * A missing one stops boot with a message that names it, rather than a cryptic Strapi error.
 */
export function secret(env: Env, name: string): string {
  const value = env(name, '');
  if (!value) throw new Error(`Variable d’environnement ${name} manquante : lancez « npm start » une fois ou renseignez-la (voir README).`);
  return value;
}

export function secrets(env: Env, name: string): string[] {
  return secret(env, name).split(',').map((s) => s.trim());
}
