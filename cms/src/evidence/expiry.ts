import type { ExpiringEvidence } from '@charte/contract';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { z } from 'zod';
import { roleOf, type Caller } from '../access/read-scope';
import { formatDay, townToday } from '../platform/calendar/clock';
import { link, tableOf, type Row } from '../platform/db/schema';
import { HttpError } from '../platform/http/http-error';
import { knexExecutor } from '../platform/jobs/job-queue';
import { registerScheduledJob } from '../platform/jobs/scheduled-jobs';
import { queueMails, type MailJob } from '../platform/mail/mail-queue';
import { emailsConfig, renderMail } from '../platform/mail/templates';
import { personName } from '../platform/people/person-name';
import { evidenceConfig } from './evidence-config';
import { EVIDENCE_FILES_TABLE, EVIDENCE_TABLE, EVIDENCE_TYPES, statusOn, USERS_TABLE } from './evidence-store';

const templateSchema = z.object({ subject: z.string().min(1), body: z.string().min(1) }).strict();
const shape = { evidence: z.object({ reminder: templateSchema }).strict() };
let templates: z.infer<typeof shape.evidence> | undefined;
/** The owner's reminder (config/emails.yaml, `evidence`), checked at boot. */
export const evidenceTemplates = () => (templates ??= emailsConfig(shape).evidence);

const limitDay = (today: string) => {
  const limit = new Date(`${today}T00:00:00Z`);
  limit.setUTCDate(limit.getUTCDate() + evidenceConfig().expiringWithinDays);
  return limit.toISOString().slice(0, 10);
};

/** Where each wrapped piece hangs: its service and a label for its document, in one query per kind. */
function located(strapi: Core.Strapi, knex: Knex, today: string) {
  const service = tableOf(strapi, EVIDENCE_TYPES.service);
  const sheet = (uid: string, labelSql: string, extraJoin?: (q: Knex.QueryBuilder) => void) => {
    const toService = link(strapi, uid, 'service');
    return knex(`${EVIDENCE_TABLE} as e`)
      .join(`${tableOf(strapi, uid)} as d`, 'd.document_id', 'e.document_id')
      .leftJoin(`${toService.table} as ds`, `ds.${toService.from}`, 'd.id')
      .leftJoin(`${service} as s`, 's.id', `ds.${toService.to}`)
      .modify((q) => extraJoin?.(q))
      .where('e.document_uid', uid)
      .select(knex.raw(`${labelSql} as document_label`), 's.name as service_name', 's.slug as service_slug');
  };
  const toCriterion = link(strapi, EVIDENCE_TYPES.evaluation, 'criterion');
  const evaluations = sheet(EVIDENCE_TYPES.evaluation, `coalesce(c.code || ' — ' || c.title, 'Fiche d’évaluation')`, (q) =>
    q.leftJoin(`${toCriterion.table} as dc`, `dc.${toCriterion.from}`, 'd.id').leftJoin(`${tableOf(strapi, 'api::criterion.criterion')} as c`, 'c.id', `dc.${toCriterion.to}`),
  );
  const actions = sheet(EVIDENCE_TYPES['roadmap-action'], 'd.title');
  const procedures = knex(`${EVIDENCE_TABLE} as e`)
    .join(`${service} as s`, 's.document_id', 'e.document_id')
    .where('e.document_uid', EVIDENCE_TYPES.service)
    .select(knex.raw(`'Procédure' as document_label`), 's.name as service_name', 's.slug as service_slug');
  return ([evaluations, actions, procedures] as Knex.QueryBuilder[]).map((q) =>
    q
      .join(`${EVIDENCE_FILES_TABLE} as f`, 'f.id', 'e.file_id')
      .leftJoin(`${USERS_TABLE} as o`, 'o.id', 'e.owner_id')
      .whereNotNull('e.valid_until')
      .where('e.valid_until', '<=', limitDay(today))
      .select('e.id', 'e.file_id', 'e.document_uid', 'e.document_id', 'e.title', 'e.owner_id', knex.raw(`to_char(e.reminded_for, 'YYYY-MM-DD') as reminded_for`), knex.raw(`to_char(e.valid_until, 'YYYY-MM-DD') as valid_until`), 'f.name', 'f.url', 'o.email', 'o.firstname', 'o.lastname', 'o.username', 'o.blocked'),
  );
}

async function expiringRows(strapi: Core.Strapi, knex: Knex, today: string): Promise<Row[]> {
  const [first, ...rest] = located(strapi, knex, today);
  return (await first.unionAll(rest, true).orderBy([{ column: 'valid_until' }, { column: 'id' }])) as Row[];
}

const kindOf = (uid: string) => (Object.keys(EVIDENCE_TYPES) as (keyof typeof EVIDENCE_TYPES)[]).find((k) => EVIDENCE_TYPES[k] === uid)!;

/** GET /api/evidence/expiring: the pieces past their date or within the threshold — all of them for the référent qualité, one's own for an owner. */
export async function expiringEvidence(strapi: Core.Strapi, caller: Caller | undefined, now = new Date()): Promise<ExpiringEvidence> {
  if (!caller) throw new HttpError(401, 'Connectez-vous pour voir les pièces à renouveler.');
  const today = townToday(now);
  // The référent sees every service's pieces; anyone else, the pieces they are the owner of.
  const everyone = evidenceConfig().keepers.includes(roleOf(caller));
  const rows = (await expiringRows(strapi, strapi.db.connection, today)).filter((r) => everyone || r.owner_id === caller.id);
  return {
    data: rows.map((r) => ({
      fileId: r.file_id,
      name: r.name,
      url: r.url,
      title: r.title,
      kind: kindOf(r.document_uid),
      document: { documentId: r.document_id, label: r.document_label },
      service: r.service_name ? { name: r.service_name, slug: r.service_slug } : null,
      owner: r.owner_id ? personName(r as never) : null,
      validUntil: r.valid_until,
      status: statusOn(r.valid_until, today),
    })),
    meta: { today, withinDays: evidenceConfig().expiringWithinDays, scope: everyone ? 'all' : 'owned' },
  };
}

const frontLink = () => `${(process.env.PUBLIC_URL || `http://localhost:${process.env.PORT ?? 1337}`).replace(/\/$/, '')}/preuves`;

/**
 * The daily reminder: each owner gets one mail listing their pieces that expired or expire soon and
 * were never reminded for that date. Marking and queuing happen in one transaction, so a second run
 * (or another instance) finds nothing left to send; a new date or version is reminded afresh.
 */
export async function sendEvidenceReminders(strapi: Core.Strapi, now: Date): Promise<number> {
  const knex = strapi.db.connection;
  const today = townToday(now);
  return knex.transaction(async (trx) => {
    const due = (await expiringRows(strapi, trx, today)).filter((r) => r.owner_id && r.email && !r.blocked && r.reminded_for !== r.valid_until);
    if (!due.length) return 0;
    // Claimed under a row lock: of two runs at once, only one updates these rows.
    const claimed = new Set(
      (
        await trx(EVIDENCE_TABLE)
          .whereIn('id', due.map((r) => r.id))
          .whereRaw('reminded_for is distinct from valid_until')
          .update({ reminded_for: trx.raw('valid_until') })
          .returning('id')
      ).map((r: { id: number }) => r.id),
    );
    const byOwner = new Map<number, Row[]>();
    for (const r of due.filter((d) => claimed.has(d.id))) byOwner.set(r.owner_id, [...(byOwner.get(r.owner_id) ?? []), r]);
    const mails: MailJob[] = [...byOwner.values()].map((pieces) => {
      const list = pieces
        .map((p) => `- ${p.title || p.name} (${p.document_label}${p.service_name ? `, ${p.service_name}` : ''}) : ${p.valid_until < today ? 'échue depuis le' : 'valable jusqu’au'} ${formatDay(p.valid_until)}`)
        .join('\n');
      const mail = renderMail(evidenceTemplates().reminder, { recipient: personName(pieces[0] as never), list, link: frontLink() });
      return { to: pieces[0].email, subject: mail.subject, text: mail.text };
    });
    await queueMails(knexExecutor(trx), mails);
    strapi.log.info(`Rappel des pièces à renouveler : ${claimed.size} pièce(s), ${mails.length} courriel(s).`);
    return mails.length;
  });
}

registerScheduledJob('evidence-reminders', async (strapi, now) => {
  await sendEvidenceReminders(strapi, now);
});
