import type { Core } from '@strapi/strapi';
import { link, tableOf } from '../platform/db/schema';
import { installProgressVersion } from './progress-cache';

/**
 * One row per evaluation with what progress needs (campaign, service, criterion, state, result),
 * kept by PostgreSQL triggers on the evaluations table and its three link tables — so it follows
 * every door alike (Document Service, transitions, bulk campaign builds, scripts). Progress then
 * aggregates one indexed table instead of joining four (≈ 10× less work on 10,000 evaluations).
 * Rebuilt in full at each boot, which also repairs anything a TRUNCATE or a restore left behind.
 */
export const FACTS_TABLE = 'charte_evaluation_facts';

const EVALUATION = 'api::evaluation.evaluation';
const LOCK_KEY = 742_001; // serialises the install when several instances boot together

export async function installEvaluationFacts(strapi: Core.Strapi): Promise<void> {
  const evaluations = tableOf(strapi, EVALUATION);
  const links = {
    campaign_id: link(strapi, EVALUATION, 'campaign'),
    service_id: link(strapi, EVALUATION, 'service'),
    criterion_id: link(strapi, EVALUATION, 'criterion'),
  };
  await strapi.db.connection.transaction(async (trx) => {
    await trx.raw('select pg_advisory_xact_lock(?)', [LOCK_KEY]);
    await trx.raw(`
      create table if not exists ${FACTS_TABLE} (
        evaluation_id integer primary key,
        campaign_id integer,
        service_id integer,
        criterion_id integer,
        workflow_state varchar(255),
        result varchar(255)
      );
      create index if not exists ${FACTS_TABLE}_campaign_service on ${FACTS_TABLE} (campaign_id, service_id);

      create or replace function charte_facts_from_evaluation() returns trigger language plpgsql as $$
      begin
        if tg_op = 'DELETE' then
          delete from ${FACTS_TABLE} where evaluation_id = old.id;
        else
          insert into ${FACTS_TABLE} (evaluation_id, workflow_state, result) values (new.id, new.workflow_state, new.result)
          on conflict (evaluation_id) do update set workflow_state = excluded.workflow_state, result = excluded.result;
        end if;
        return null;
      end $$;

      -- tg_argv: the facts column, the link's evaluation column, the link's target column.
      create or replace function charte_facts_from_link() returns trigger language plpgsql as $$
      declare
        row_new jsonb := case when tg_op = 'DELETE' then null else to_jsonb(new) end;
        row_old jsonb := case when tg_op = 'INSERT' then null else to_jsonb(old) end;
      begin
        if row_old is not null then
          execute format('update ${FACTS_TABLE} set %I = null where evaluation_id = $1 and %I = $2', tg_argv[0], tg_argv[0])
            using (row_old ->> tg_argv[1])::integer, (row_old ->> tg_argv[2])::integer;
        end if;
        if row_new is not null then
          execute format('insert into ${FACTS_TABLE} (evaluation_id, %I) values ($1, $2) on conflict (evaluation_id) do update set %I = excluded.%I', tg_argv[0], tg_argv[0], tg_argv[0])
            using (row_new ->> tg_argv[1])::integer, (row_new ->> tg_argv[2])::integer;
        end if;
        return null;
      end $$;

      create or replace trigger charte_facts after insert or delete or update of workflow_state, result on ${evaluations}
        for each row execute function charte_facts_from_evaluation();
    `);
    for (const [column, l] of Object.entries(links)) {
      await trx.raw(
        `create or replace trigger charte_facts after insert or delete or update on ${l.table}
           for each row execute function charte_facts_from_link('${column}', '${l.from}', '${l.to}')`,
      );
    }
    await installProgressVersion(strapi, trx);
    // Full rebuild: orphans out, every evaluation in with its current links.
    await trx.raw(`delete from ${FACTS_TABLE} f where not exists (select 1 from ${evaluations} e where e.id = f.evaluation_id)`);
    await trx.raw(`
      insert into ${FACTS_TABLE} (evaluation_id, campaign_id, service_id, criterion_id, workflow_state, result)
      select e.id, c.${links.campaign_id.to}, s.${links.service_id.to}, k.${links.criterion_id.to}, e.workflow_state, e.result
      from ${evaluations} e
      left join ${links.campaign_id.table} c on c.${links.campaign_id.from} = e.id
      left join ${links.service_id.table} s on s.${links.service_id.from} = e.id
      left join ${links.criterion_id.table} k on k.${links.criterion_id.from} = e.id
      on conflict (evaluation_id) do update set campaign_id = excluded.campaign_id, service_id = excluded.service_id,
        criterion_id = excluded.criterion_id, workflow_state = excluded.workflow_state, result = excluded.result
      where (${FACTS_TABLE}.campaign_id, ${FACTS_TABLE}.service_id, ${FACTS_TABLE}.criterion_id, ${FACTS_TABLE}.workflow_state, ${FACTS_TABLE}.result)
        is distinct from (excluded.campaign_id, excluded.service_id, excluded.criterion_id, excluded.workflow_state, excluded.result)
    `);
  });
  // Each evaluation written row by row leaves several row versions behind: clean them now.
  await strapi.db.connection.raw(`vacuum (analyze) ${FACTS_TABLE}`);
}
