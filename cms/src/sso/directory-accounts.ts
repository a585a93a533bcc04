import type { Core } from '@strapi/strapi';
import { clearAuthCache } from '../access/auth-cache';
import type { SsoProviderConfig, SsoRule } from '../security/sso-config';

const USER = 'plugin::users-permissions.user';
const ROLE = 'plugin::users-permissions.role';
const SERVICE = 'api::service.service';
/** Serialises the sign-ins of one directory person, so that two at once never create two accounts. */
const SIGN_IN_LOCK = 742_201;

/** What the directory says of a person, read from a verified ID token. */
export interface DirectoryIdentity {
  subject: string;
  email?: string;
  firstname?: string;
  lastname?: string;
  groups: string[];
}

/** A sign-in the application refuses, with the sentence the person reads on the login page. */
export class SsoRefusal extends Error {}

export const REFUSALS = {
  noEmail: 'L’annuaire n’a pas transmis votre adresse électronique : impossible de créer votre compte. Adressez-vous au service informatique.',
  domain: (email: string) =>
    `L’adresse ${email} n’appartient pas à un domaine autorisé à se connecter ici. Connectez-vous avec votre compte de la commune, ou adressez-vous au référent qualité.`,
  linkedElsewhere: 'Cette adresse électronique est déjà rattachée à une autre personne de l’annuaire. Adressez-vous au référent qualité.',
  blocked: 'Votre compte est bloqué dans la charte d’accueil. Adressez-vous au référent qualité.',
  lostAccess:
    'L’annuaire de la commune ne vous donne plus accès à la charte d’accueil : votre rôle et vos services vous ont été retirés. Si c’est une erreur, adressez-vous au référent qualité.',
};

/** What the rules give for these groups: the first role found, and every service named. */
export function mapGroups(rules: SsoRule[], groups: string[]): { matched: boolean; role: string | null; headOf: string[]; agentOf: string[] } {
  const held = new Set(groups);
  const applying = rules.filter((r) => held.has(r.group));
  const headOf = [...new Set(applying.flatMap((r) => r.headOf))].sort();
  // A head of a service is not also listed as its agent.
  const agentOf = [...new Set(applying.flatMap((r) => r.agentOf))].filter((s) => !headOf.includes(s)).sort();
  return { matched: applying.length > 0, role: applying.find((r) => r.role)?.role ?? null, headOf, agentOf };
}

interface AccountRow {
  id: number;
  email: string | null;
  blocked: boolean | null;
  ssoProvider: string | null;
  ssoSubject: string | null;
  ssoRole: string | null;
  ssoServices: { headOf?: string[]; agentOf?: string[] } | null;
  role: { id: number; type: string } | null;
}

const ACCOUNT_FIELDS = ['id', 'email', 'blocked', 'ssoProvider', 'ssoSubject', 'ssoRole', 'ssoServices'];

function domainOf(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1).toLowerCase();
}

async function uniqueUsername(strapi: Core.Strapi, email: string): Promise<string> {
  const local = email.slice(0, email.indexOf('@')).toLowerCase().replace(/[^a-z0-9._-]/g, '');
  // users-permissions wants at least 3 characters.
  const base = local.length >= 3 ? local : `agent.${local}`;
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : `${base}.${n}`;
    const taken = await strapi.db.query(USER).findOne({ where: { username: candidate }, select: ['id'] });
    if (!taken) return candidate;
  }
}

async function roleId(strapi: Core.Strapi, type: string): Promise<number> {
  const role = await strapi.db.query(ROLE).findOne({ where: { type }, select: ['id'] });
  if (!role) throw new Error(`Rôle « ${type} » introuvable : les rôles sont créés au démarrage d’après config/roles.yaml.`);
  return role.id;
}

/** Found by (provider, subject); else, on a first sign-in, the account of that address, or a new one. */
async function findOrCreateAccount(strapi: Core.Strapi, provider: SsoProviderConfig, who: DirectoryIdentity): Promise<AccountRow> {
  const query = strapi.db.query(USER);
  const populate = { role: { select: ['id', 'type'] } };
  const known = (await query.findOne({ where: { ssoProvider: provider.id, ssoSubject: who.subject }, select: ACCOUNT_FIELDS, populate })) as AccountRow | null;
  if (known) return known;

  const email = who.email?.trim().toLowerCase();
  if (!email || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new SsoRefusal(REFUSALS.noEmail);
  if (!provider.allowedEmailDomains.includes(domainOf(email))) throw new SsoRefusal(REFUSALS.domain(email));

  // An account made here before the directory was connected (same address, domain vouched for by the town's own directory) is linked, not duplicated.
  const existing = (await query.findOne({ where: { email }, select: ACCOUNT_FIELDS, populate })) as AccountRow | null;
  if (existing) {
    if (existing.ssoProvider) throw new SsoRefusal(REFUSALS.linkedElsewhere);
    await query.update({ where: { id: existing.id }, data: { ssoProvider: provider.id, ssoSubject: who.subject } });
    return { ...existing, ssoProvider: provider.id, ssoSubject: who.subject };
  }
  const created = await query.create({
    data: {
      username: await uniqueUsername(strapi, email),
      email,
      firstname: who.firstname?.slice(0, 100) || null,
      lastname: who.lastname?.slice(0, 100) || null,
      // No password is stored for a directory account; users-permissions' own forgotten-password and
      // login doors only look at `local` accounts.
      provider: provider.id,
      confirmed: true,
      blocked: false,
      role: await roleId(strapi, 'authenticated'),
      ssoProvider: provider.id,
      ssoSubject: who.subject,
    },
  });
  return { id: created.id, email, blocked: false, ssoProvider: provider.id, ssoSubject: who.subject, ssoRole: null, ssoServices: null, role: { id: 0, type: 'authenticated' } };
}

/** Puts the account in exactly the services the directory gives, leaving the ones an administrator added by hand. */
async function applyServices(strapi: Core.Strapi, userId: number, previous: { headOf: string[]; agentOf: string[] }, next: { headOf: string[]; agentOf: string[] }) {
  const services = strapi.db.query(SERVICE);
  for (const relation of ['heads', 'agents'] as const) {
    const key = relation === 'heads' ? 'headOf' : 'agentOf';
    const wanted = new Set(next[key]);
    const dropped = previous[key].filter((slug) => !wanted.has(slug));
    const rows = (await services.findMany({ where: { slug: { $in: [...wanted, ...dropped] } }, select: ['id', 'slug'] })) as { id: number; slug: string }[];
    const bySlug = new Map(rows.map((r) => [r.slug, r.id]));
    for (const slug of wanted) if (!bySlug.has(slug)) strapi.log.warn(`config/sso.yaml : service « ${slug} » introuvable, règle ignorée.`);
    const current = new Set(
      ((await services.findMany({ where: { [relation]: { id: userId } }, select: ['id'] })) as { id: number }[]).map((s) => s.id),
    );
    for (const slug of dropped) {
      const id = bySlug.get(slug);
      if (id !== undefined && current.has(id)) await services.update({ where: { id }, data: { [relation]: { disconnect: [{ id: userId }] } } });
    }
    for (const slug of wanted) {
      const id = bySlug.get(slug);
      if (id !== undefined && !current.has(id)) await services.update({ where: { id }, data: { [relation]: { connect: [{ id: userId }] } } });
    }
  }
}

/**
 * The account a verified directory identity signs in to, its role and services re-applied from the
 * rules of config/sso.yaml. What the directory gave (ssoRole, ssoServices) is remembered on the
 * account, so that it can be taken back when the directory stops giving it, and so that what an
 * administrator set by hand where no rule applies is left alone.
 */
export async function signInFromDirectory(strapi: Core.Strapi, provider: SsoProviderConfig, who: DirectoryIdentity): Promise<{ userId: number }> {
  let refusal: SsoRefusal | undefined;
  const userId = await strapi.db.transaction(async ({ trx }) => {
    await trx.raw('select pg_advisory_xact_lock(?, hashtext(?))', [SIGN_IN_LOCK, `${provider.id}:${who.subject}`]);
    const account = await findOrCreateAccount(strapi, provider, who);
    if (account.blocked) {
      refusal = new SsoRefusal(REFUSALS.blocked);
      return account.id;
    }
    const mapped = mapGroups(provider.rules, who.groups);
    const previous = { headOf: account.ssoServices?.headOf ?? [], agentOf: account.ssoServices?.agentOf ?? [] };
    const hadDirectoryAccess = Boolean(account.ssoRole) || previous.headOf.length + previous.agentOf.length > 0;

    const data: Record<string, unknown> = { ssoServices: { headOf: mapped.headOf, agentOf: mapped.agentOf } };
    if (mapped.role) {
      data.ssoRole = mapped.role;
      if (account.role?.type !== mapped.role) data.role = await roleId(strapi, mapped.role);
    } else if (account.ssoRole) {
      // The directory gave this role and gives it no more: it is taken back.
      data.ssoRole = null;
      data.role = await roleId(strapi, 'authenticated');
    }
    if (who.firstname) data.firstname = who.firstname.slice(0, 100);
    if (who.lastname) data.lastname = who.lastname.slice(0, 100);
    await strapi.db.query(USER).update({ where: { id: account.id }, data });
    await applyServices(strapi, account.id, previous, mapped);
    if (hadDirectoryAccess && !mapped.matched) refusal = new SsoRefusal(REFUSALS.lostAccess);
    return account.id;
  });
  clearAuthCache();
  if (refusal) throw refusal;
  return { userId };
}
