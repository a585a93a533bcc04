import { ACTOR_KINDS, ORIGINS } from '@charte/contract';
import type { Core } from '@strapi/strapi';

/**
 * The audit log: one row per content change, whatever the door (REST, admin panel, transitions,
 * bulk builds, scripts). Append-only is enforced by PostgreSQL itself — UPDATE, DELETE and TRUNCATE
 * raise — so neither a bug nor an administrator with SQL access through the app can rewrite history.
 */
export const AUDIT_TABLE = 'charte_audit_log';

export { ACTOR_KINDS };
export type ActorKind = (typeof ACTOR_KINDS)[number];
export type Origin = (typeof ORIGINS)[number];

const LOCK_KEY = 742_002; // serialises the install when several instances boot together

export async function installAuditLog(strapi: Core.Strapi): Promise<void> {
  await strapi.db.connection.transaction(async (trx) => {
    await trx.raw('select pg_advisory_xact_lock(?)', [LOCK_KEY]);
    await trx.raw(`
      create table if not exists ${AUDIT_TABLE} (
        id bigserial primary key,
        at timestamptz not null default clock_timestamp(),
        actor_kind varchar(16) not null check (actor_kind in (${ACTOR_KINDS.map((k) => `'${k}'`).join(', ')})),
        actor_id integer,
        actor_name varchar(255),
        content_type varchar(255) not null,
        document_id varchar(255),
        action varchar(32) not null,
        changes jsonb not null default '{}'::jsonb,
        detail jsonb,
        origin varchar(16) not null check (origin in (${ORIGINS.map((o) => `'${o}'`).join(', ')}))
      );
      create index if not exists ${AUDIT_TABLE}_at on ${AUDIT_TABLE} (at desc, id desc);
      create index if not exists ${AUDIT_TABLE}_document on ${AUDIT_TABLE} (document_id, at desc);
      create index if not exists ${AUDIT_TABLE}_type on ${AUDIT_TABLE} (content_type, at desc);
      create index if not exists ${AUDIT_TABLE}_actor on ${AUDIT_TABLE} (actor_kind, actor_id, at desc);

      create or replace function charte_audit_log_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'Le journal des modifications ne se modifie pas et ne s’efface pas (% refusé).', tg_op
          using errcode = 'insufficient_privilege';
      end $$;
      create or replace trigger charte_audit_log_append_only before update or delete on ${AUDIT_TABLE}
        for each row execute function charte_audit_log_append_only();
      create or replace trigger charte_audit_log_no_truncate before truncate on ${AUDIT_TABLE}
        for each statement execute function charte_audit_log_append_only();
    `);
  });
}
