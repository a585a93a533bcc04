import type { Core } from '@strapi/strapi';
import { login } from '../helpers/strapi';
import { validData } from './write-routes';

/**
 * Who plays each role in the security suites. The agent and the head belong to « accueil »; the
 * documents of « scolaire » are, for them, another service's.
 */
export const PLAYERS = [
  { role: 'public', email: null, head: false },
  { role: 'authenticated', email: 'sans.role@demo.local', head: false },
  { role: 'agent', email: 'agent.accueil@demo.local', head: false },
  { role: 'chef-de-service', email: 'chef.accueil@demo.local', head: true },
  { role: 'referent-qualite', email: 'qualite@demo.local', head: false },
  { role: 'dgs', email: 'dgs@demo.local', head: false },
  // The demo town's external auditor: the campaign « Diagnostic initial 2026 » and its services, mission running.
  { role: 'auditeur', email: 'auditeur@demo.local', head: false },
] as const;
export type Role = (typeof PLAYERS)[number]['role'];

type Row = { id: number; documentId: string } & Record<string, unknown>;

/** Demo records the valid bodies point to. */
export interface SecurityFixtures {
  app: Core.Strapi;
  own: Row;
  other: Row;
  campaign: Row;
  referential: Row;
  theme: Row;
  criterion: Row;
  indicator: Row;
  /** A mystery grid (appel), a wave, and a tester from neither « accueil » nor « scolaire ». */
  mysteryGrid: Row;
  mysteryCampaign: Row;
  outsideTester: Row;
  users: Record<Role, Row | null>;
  /** Complaints of « accueil » without a public reply: each valid reply takes the next (one reply per complaint). */
  freshComplaints: Row[];
}

async function one(app: Core.Strapi, uid: string, where: Record<string, unknown> = {}): Promise<Row> {
  const row = await app.db.query(uid as never).findOne({ where, orderBy: { id: 'asc' } });
  if (!row) throw new Error(`Aucun enregistrement de démonstration pour ${uid}`);
  return row as Row;
}

/** The account without a business role is not in the demo town: it is created here once. */
export async function ensureRolelessUser(app: Core.Strapi): Promise<void> {
  if (await app.db.query('plugin::users-permissions.user').findOne({ where: { email: 'sans.role@demo.local' } })) return;
  const role = await app.db.query('plugin::users-permissions.role').findOne({ where: { type: 'authenticated' } });
  await app.plugin('users-permissions').service('user').add({
    username: 'sans.role', email: 'sans.role@demo.local', password: 'Charte-Accueil-2026', provider: 'local', confirmed: true, role: role.id,
  });
}

export async function securityFixtures(app: Core.Strapi): Promise<SecurityFixtures> {
  await ensureRolelessUser(app);
  const users = {} as Record<Role, Row | null>;
  for (const p of PLAYERS) users[p.role] = p.email ? await one(app, 'plugin::users-permissions.user', { email: p.email }) : null;
  const referential = await one(app, 'api::referential.referential', { code: 'qualivilles-ville' });
  return {
    app,
    own: await one(app, 'api::service.service', { slug: 'accueil-etat-civil' }),
    other: await one(app, 'api::service.service', { slug: 'scolaire-periscolaire' }),
    campaign: await one(app, 'api::campaign.campaign', { name: 'Diagnostic initial 2026' }),
    referential,
    theme: await one(app, 'api::theme.theme', { referential: { id: referential.id } }),
    criterion: await one(app, 'api::criterion.criterion', { code: 'QV-01', theme: { referential: { id: referential.id } } }),
    indicator: await one(app, 'api::indicator.indicator'),
    mysteryGrid: await one(app, 'api::mystery-grid.mystery-grid', { channel: 'appel' }),
    mysteryCampaign: await one(app, 'api::mystery-campaign.mystery-campaign'),
    outsideTester: await one(app, 'plugin::users-permissions.user', { email: 'chef.enfance@demo.local' }),
    users,
    freshComplaints: await freshComplaints(app, 60),
  };
}

async function freshComplaints(app: Core.Strapi, count: number): Promise<Row[]> {
  const service = await one(app, 'api::service.service', { slug: 'accueil-etat-civil' });
  const rows: Row[] = [];
  for (let n = 1; n <= count; n++) {
    rows.push((await app.documents('api::complaint.complaint').create({
      data: { kind: 'suggestion', channel: 'guichet', receivedAt: '2026-05-04', subject: `Suggestion de test ${n}`, service: service.id } as never,
    })) as unknown as Row);
  }
  return rows;
}

/** JWT of every player who has an account. */
export async function tokensOf(app: Core.Strapi): Promise<Partial<Record<Role, string>>> {
  const tokens: Partial<Record<Role, string>> = {};
  for (const p of PLAYERS) if (p.email) tokens[p.role] = await login(app, p.email);
  return tokens;
}

/**
 * A document of `uid` written below the REST layer (a fixture, like the demo seed), attached to
 * `serviceId` when the type has a service, then put in `state` when it is not a draft.
 */
/** `authorId`: the account that wrote it, for a type a role changes only when it wrote it (ownWrites). */
export async function fixtureDocument(f: SecurityFixtures, uid: string, serviceId: number | null, state = 'draft', authorId?: number): Promise<string> {
  const data = { ...validData[uid](f) };
  if ('service' in data) data.service = serviceId;
  if (authorId) data.author = authorId;
  const created = (await f.app.documents(uid as never).create({ data: data as never })) as unknown as { documentId: string };
  if (state !== 'draft') await f.app.db.query(uid as never).update({ where: { documentId: created.documentId }, data: { workflowState: state } });
  return created.documentId;
}
