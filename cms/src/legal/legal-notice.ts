import type { LegalNotice } from '@charte/contract';
import { z } from 'zod';
import { backupsConfig, type Retention } from '../platform/backups/backups-config';
import { readConfigFile } from '../platform/config/read-config';

const text = z.string().trim().min(1, 'texte attendu');
const list = z.array(text).min(1, 'au moins une ligne');
const contact = { name: text, address: text };

const treatment = z
  .object({ title: text, form: text, purposes: list, data: list, legalBasis: text, recipients: list, retention: text, notice: text })
  .strict();

const legalSchema = z
  .object({
    demo: z.boolean(),
    publisher: z.object({ ...contact, phone: text, email: text, siret: text }).strict(),
    publicationDirector: text,
    host: z.object({ ...contact, phone: text }).strict(),
    controller: z.object(contact).strict(),
    dpo: z.object({ ...contact, email: text }).strict(),
    // The public forms that collect personal data: each one shows its notice beside its fields.
    treatments: z.object({ complaint: treatment, survey: treatment }).strict(),
    rights: list,
    exerciseRights: text,
    cnil: text,
    cookies: text,
    intellectualProperty: text,
  })
  .strict();

const plural = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;

/**
 * What the privacy policy must say about backups: a deleted record survives in the archives until
 * the oldest one that holds it is pruned, so the longest kept archive bounds every retention period.
 */
export function backupRetentionText(retention: Retention): string {
  const longest = retention.monthly
    ? plural(retention.monthly, 'mois', 'mois')
    : retention.weekly
      ? plural(retention.weekly, 'semaine', 'semaines')
      : plural(retention.daily, 'jour', 'jours');
  return `Les sauvegardes de la base de données, qui contiennent une copie de ces informations, sont gardées au plus ${longest} : une donnée supprimée en disparaît à l’expiration de la dernière sauvegarde qui la contient.`;
}

let cached: LegalNotice | undefined;

/** config/legal.yaml, checked once, with the backups' retention of config/backups.yaml. */
export function legalNotice(): LegalNotice {
  cached ??= { ...readConfigFile('legal.yaml', legalSchema), backupRetention: backupRetentionText(backupsConfig().retention) };
  return cached;
}
