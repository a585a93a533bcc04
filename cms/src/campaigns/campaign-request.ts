import type { FieldError } from '@charte/contract';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { choiceLabels } from '../platform/config/labels';
import { link, tableOf } from '../platform/db/schema';
import { isDocumentId } from '../platform/db/document-id';

const CAMPAIGN = 'api::campaign.campaign';

/** A checked request to build a campaign, with the database ids it names. */
export interface CampaignRequest {
  referentialId: number;
  referentialDocumentId: string;
  name: string;
  kind: string;
  startDate: string;
  endDate: string | null;
  serviceIds: number[];
  serviceDocumentIds: string[];
  prefill: boolean;
}

const FIELDS = ['referential', 'name', 'kind', 'startDate', 'endDate', 'services', 'prefill'];
export const NAME_MAX = 200;

/** A 400 in Strapi's shape: the first message as the summary, every message in details.errors. */
export function requestError(list: FieldError[]): errors.ValidationError {
  const summary = list.length === 1 ? list[0].message : `La campagne ne peut pas être créée : ${list.length} champs sont à corriger.`;
  return new errors.ValidationError(summary, { errors: list.map((e) => ({ ...e, name: 'ValidationError' })) });
}

function isoDate(value: unknown): string | null {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value ? value : null;
}

export function campaignKinds(strapi: Core.Strapi): string[] {
  return (strapi.db.metadata.get(CAMPAIGN).attributes.kind as unknown as { enum: string[] }).enum;
}

/** The shape of the body, without the database: every field error at once. */
function readFields(strapi: Core.Strapi, body: Record<string, unknown>, list: FieldError[]) {
  for (const key of Object.keys(body)) {
    if (!FIELDS.includes(key)) list.push({ path: [key], message: `Champ inconnu : « ${key} ».` });
  }
  const referential = typeof body.referential === 'string' && isDocumentId(body.referential) ? body.referential : null;
  if (!referential) list.push({ path: ['referential'], message: 'Choisissez un référentiel.' });

  const name = typeof body.name === 'string' ? body.name.trim() : '';
  if (!name) list.push({ path: ['name'], message: 'Le nom de la campagne est obligatoire.' });
  else if (name.length > NAME_MAX) list.push({ path: ['name'], message: `Le nom de la campagne ne doit pas dépasser ${NAME_MAX} caractères.` });

  const kinds = campaignKinds(strapi);
  const kind = typeof body.kind === 'string' && kinds.includes(body.kind) ? body.kind : null;
  if (!kind) {
    const labels = choiceLabels();
    const choices = kinds.map((k) => `« ${labels[k] ?? k} »`).join(', ');
    list.push({ path: ['kind'], message: `Choisissez le type de campagne parmi ${choices}.` });
  }

  const startDate = isoDate(body.startDate);
  if (!startDate) {
    const message = body.startDate === undefined || body.startDate === '' ? 'La date de début est obligatoire.' : 'La date de début n’est pas une date valide (AAAA-MM-JJ).';
    list.push({ path: ['startDate'], message });
  }
  const noEnd = body.endDate === undefined || body.endDate === null || body.endDate === '';
  const endDate = noEnd ? null : isoDate(body.endDate);
  if (!noEnd && !endDate) list.push({ path: ['endDate'], message: 'La date de fin n’est pas une date valide (AAAA-MM-JJ).' });
  if (startDate && endDate && endDate < startDate) list.push({ path: ['endDate'], message: 'La date de fin de la campagne précède sa date de début.' });

  let services: string[] = [];
  if (!Array.isArray(body.services) || body.services.length === 0) {
    list.push({ path: ['services'], message: 'Choisissez au moins un service.' });
  } else {
    body.services.forEach((s, i) => {
      if (typeof s === 'string' && isDocumentId(s)) services.push(s);
      else list.push({ path: ['services', String(i)], message: 'Identifiant de service invalide.' });
    });
    services = [...new Set(services)];
  }

  if (body.prefill !== undefined && typeof body.prefill !== 'boolean') {
    list.push({ path: ['prefill'], message: 'Le pré-remplissage se choisit par oui ou non (true ou false).' });
  }
  return { referential, name, kind, startDate, endDate, services, prefill: body.prefill === true };
}

/**
 * Checks a "Nouvelle campagne" request and resolves what it names. Throws a ValidationError
 * (400, French, one entry per field) and reads nothing else when the shape is wrong.
 */
export async function parseCampaignRequest(strapi: Core.Strapi, body: unknown): Promise<CampaignRequest> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw requestError([{ path: [], message: 'La demande doit être un objet JSON décrivant la campagne.' }]);
  }
  const list: FieldError[] = [];
  const fields = readFields(strapi, body as Record<string, unknown>, list);
  if (list.length) throw requestError(list);

  const knex = strapi.db.connection;
  const referential = await knex(tableOf(strapi, 'api::referential.referential')).where('document_id', fields.referential).first('id');
  if (!referential) list.push({ path: ['referential'], message: 'Ce référentiel n’existe pas (ou plus).' });

  const found = await knex(tableOf(strapi, 'api::service.service')).whereIn('document_id', fields.services).select('id', 'document_id');
  const idOf = new Map<string, number>(found.map((s: { id: number; document_id: string }) => [s.document_id, s.id]));
  fields.services.forEach((documentId) => {
    if (!idOf.has(documentId)) {
      const index = (body as { services: unknown[] }).services.indexOf(documentId);
      list.push({ path: ['services', String(index)], message: 'Ce service n’existe pas (ou plus).' });
    }
  });

  if (referential && (await nameTaken(strapi, referential.id, fields.name))) {
    list.push({ path: ['name'], message: `Une campagne « ${fields.name} » existe déjà pour ce référentiel : choisissez un autre nom.` });
  }
  if (list.length) throw requestError(list);
  return {
    referentialId: referential.id,
    referentialDocumentId: fields.referential!,
    name: fields.name,
    kind: fields.kind!,
    startDate: fields.startDate!,
    endDate: fields.endDate,
    serviceIds: fields.services.map((d) => idOf.get(d)!),
    serviceDocumentIds: fields.services,
    prefill: fields.prefill,
  };
}

/** Names compare without case or surrounding spaces: « Audit 2027 » and « audit 2027 » would be confused in every list. */
export async function nameTaken(strapi: Core.Strapi, referentialId: number, name: string, knex = strapi.db.connection): Promise<boolean> {
  const toReferential = link(strapi, CAMPAIGN, 'referential');
  const row = await knex(`${tableOf(strapi, CAMPAIGN)} as c`)
    .join(`${toReferential.table} as cr`, `cr.${toReferential.from}`, 'c.id')
    .where(`cr.${toReferential.to}`, referentialId)
    .whereRaw('lower(trim(c.name)) = lower(?)', [name.trim()])
    .first('c.id');
  return Boolean(row);
}
