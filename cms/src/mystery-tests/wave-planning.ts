import { MYSTERY_CHANNELS, type MysteryChannel, type MysteryWavePlanning } from '@charte/contract';
import type { Core } from '@strapi/strapi';
import { rolesConfig } from '../access/roles-config';
import { columnDay } from '../platform/calendar/days';
import { choiceLabel } from '../platform/config/labels';
import { isDocumentId } from '../platform/db/document-id';
import { link, tableOf, type Row } from '../platform/db/schema';
import { HttpError } from '../platform/http/http-error';
import { personName } from '../platform/people/person-name';
import { MYSTERY_GRID } from './grid-rules';
import { MYSTERY_CAMPAIGN } from './planning';
import { MYSTERY_TEST } from './test-rules';

const SERVICE = 'api::service.service';
const USERS = 'up_users';

/**
 * A wave as its planner sees it (GET /api/mystery-campaigns/:documentId/planning, référent qualité):
 * the choices of the planning form, the wave's tests counted per service, channel and state, in
 * SQL, and those not played yet, which the planner may cancel. Testers are the accounts with a role
 * of the application (a readScope) that are not blocked,
 * each with the services they belong to — the front leaves those out of a service's testers, and
 * planTests refuses them whatever the door.
 */
export async function wavePlanning(strapi: Core.Strapi, documentId: unknown): Promise<MysteryWavePlanning> {
  if (!isDocumentId(documentId)) throw new HttpError(404, 'Vague de tests introuvable.');
  const knex = strapi.db.connection;
  const wave = (await knex(tableOf(strapi, MYSTERY_CAMPAIGN)).where('document_id', documentId).first('id', 'document_id', 'title', 'start_date', 'end_date')) as Row | undefined;
  if (!wave) throw new HttpError(404, 'Vague de tests introuvable.');

  const services = (await knex(tableOf(strapi, SERVICE)).orderBy('name').select('id', 'document_id', 'name')) as Row[];
  const grids = (await knex(tableOf(strapi, MYSTERY_GRID)).orderBy([{ column: 'channel' }, { column: 'title' }]).select('document_id', 'title', 'channel')) as Row[];

  const roles = rolesConfig().roles;
  const testingRoles = Object.keys(roles).filter((r) => roles[r].readScope !== 'none');
  const toRole = link(strapi, 'plugin::users-permissions.user', 'role');
  const people = (await knex(`${USERS} as u`)
    .join(`${toRole.table} as ur`, `ur.${toRole.from}`, 'u.id')
    .join('up_roles as r', 'r.id', `ur.${toRole.to}`)
    .whereIn('r.type', testingRoles)
    .where((q) => q.where('u.blocked', false).orWhereNull('u.blocked'))
    .orderBy([{ column: 'u.lastname' }, { column: 'u.firstname' }, { column: 'u.username' }])
    .select('u.id', 'u.document_id', 'u.firstname', 'u.lastname', 'u.username', 'r.name as role_name')) as Row[];
  const memberships = new Map<number, string[]>();
  for (const relation of ['heads', 'agents']) {
    const toPeople = link(strapi, SERVICE, relation);
    const rows = (await knex(`${toPeople.table} as m`).join(`${tableOf(strapi, SERVICE)} as s`, 's.id', `m.${toPeople.from}`).select(`m.${toPeople.to} as user_id`, 's.document_id')) as Row[];
    for (const r of rows) memberships.set(r.user_id, [...new Set([...(memberships.get(r.user_id) ?? []), r.document_id as string])]);
  }

  const toCampaign = link(strapi, MYSTERY_TEST, 'campaign');
  const toService = link(strapi, MYSTERY_TEST, 'service');
  const toTester = link(strapi, MYSTERY_TEST, 'tester');
  const { rows } = await knex.raw(
    `select s.document_id as service_document_id, s.name as service_name, d.channel,
       count(*) filter (where d.workflow_state = 'draft')::int as draft,
       count(*) filter (where d.workflow_state = 'submitted')::int as submitted,
       count(*) filter (where d.workflow_state = 'validated')::int as validated,
       coalesce(json_agg(distinct jsonb_build_object('firstname', u.firstname, 'lastname', u.lastname, 'username', u.username)) filter (where u.id is not null), '[]'::json) as testers
     from ${tableOf(strapi, MYSTERY_TEST)} d
     join ${toCampaign.table} dc on dc.${toCampaign.from} = d.id
     join ${toService.table} ds on ds.${toService.from} = d.id
     join ${tableOf(strapi, SERVICE)} s on s.id = ds.${toService.to}
     left join ${toTester.table} dt on dt.${toTester.from} = d.id
     left join ${USERS} u on u.id = dt.${toTester.to}
     where dc.${toCampaign.to} = ?
     group by 1, 2, 3
     order by s.name, d.channel`,
    [wave.id],
  );

  const upcoming = (await knex(`${tableOf(strapi, MYSTERY_TEST)} as d`)
    .join(`${toCampaign.table} as dc`, `dc.${toCampaign.from}`, 'd.id')
    .join(`${toService.table} as ds`, `ds.${toService.from}`, 'd.id')
    .join(`${tableOf(strapi, SERVICE)} as s`, 's.id', `ds.${toService.to}`)
    .leftJoin(`${toTester.table} as dt`, `dt.${toTester.from}`, 'd.id')
    .leftJoin(`${USERS} as u`, 'u.id', `dt.${toTester.to}`)
    .where(`dc.${toCampaign.to}`, wave.id)
    .where('d.workflow_state', 'draft')
    .orderBy([{ column: 's.name' }, { column: 'd.channel' }, { column: 'd.window_start' }, { column: 'd.id' }])
    .select('d.document_id', 'd.channel', 'd.window_start', 'd.window_end', 's.name as service_name', 'u.id as tester_id', 'u.firstname', 'u.lastname', 'u.username')) as Row[];

  return {
    wave: { documentId: wave.document_id, title: wave.title, startDate: columnDay(wave.start_date)!, endDate: columnDay(wave.end_date)! },
    services: services.map((s) => ({ documentId: s.document_id, name: s.name })),
    channels: MYSTERY_CHANNELS.map((channel) => ({
      value: channel,
      label: choiceLabel(channel),
      grids: grids.filter((g) => g.channel === channel).map((g) => ({ documentId: g.document_id, title: g.title })),
    })),
    testers: people.map((p) => ({ documentId: p.document_id, name: personName(p as never), role: p.role_name, services: memberships.get(p.id) ?? [] })),
    rows: (rows as Row[]).map((r) => ({
      service: { documentId: r.service_document_id, name: r.service_name },
      channel: r.channel as MysteryChannel,
      channelLabel: choiceLabel(r.channel),
      draft: r.draft,
      submitted: r.submitted,
      validated: r.validated,
      testers: ((typeof r.testers === 'string' ? JSON.parse(r.testers) : r.testers) as Row[]).map((t) => personName(t as never)).sort((a, b) => a.localeCompare(b, 'fr')),
    })),
    upcoming: upcoming.map((t) => ({
      documentId: t.document_id,
      service: t.service_name,
      channelLabel: choiceLabel(t.channel),
      tester: t.tester_id ? personName(t as never) : null,
      windowStart: columnDay(t.window_start)!,
      windowEnd: columnDay(t.window_end)!,
    })),
  };
}
