import type { Core } from '@strapi/strapi';
import { eventually } from '../helpers/eventually';
import { demoIds, documentIn } from '../helpers/fixtures';
import { adminLogin, http, login, startStrapi, stopStrapi } from '../helpers/strapi';

// Progress reads charte_evaluation_facts, kept by triggers (cms/src/progress/evaluation-facts.ts).
// Whatever the door, it must stay equal to what the evaluations and their link tables say.
let app: Core.Strapi;
let ids: Awaited<ReturnType<typeof demoIds>>;
beforeAll(async () => {
  app = await startStrapi();
  ids = await demoIds(app);
});
afterAll(() => stopStrapi(app));

/** Rows of the facts table that differ from the four-table join, in either direction. */
async function drift() {
  const { rows } = await app.db.connection.raw(`
    with truth as (
      select e.id as evaluation_id, c.campaign_id, s.service_id, k.criterion_id, e.workflow_state, e.result
      from evaluations e
      left join evaluations_campaign_lnk c on c.evaluation_id = e.id
      left join evaluations_service_lnk s on s.evaluation_id = e.id
      left join evaluations_criterion_lnk k on k.evaluation_id = e.id
    )
    (select 'manquant' as side, * from truth except select 'manquant', * from charte_evaluation_facts)
    union all
    (select 'en trop', * from charte_evaluation_facts except select 'en trop', * from truth)`);
  return rows;
}

describe('evaluation facts', () => {
  it('match the evaluations after the demo seed', async () => {
    expect(Number((await app.db.connection('charte_evaluation_facts').count({ n: '*' }).first())!.n)).toBeGreaterThan(100);
    expect(await drift()).toEqual([]);
  });

  it('follow creates, edits, relation changes, transitions and deletes', async () => {
    const doc = await documentIn(app, 'api::evaluation.evaluation', 'draft', { serviceId: ids.accueil.id, campaignId: ids.campaign.id, criterionId: ids.criterion.id });
    await app.documents('api::evaluation.evaluation').update({ documentId: doc.documentId, data: { result: 'conforme', service: ids.scolaire.id } as never });
    expect(await drift()).toEqual([]);
    const agent = await login(app, 'agent.accueil@demo.local');
    // Back to accueil so the agent may submit, then a REST transition.
    await app.documents('api::evaluation.evaluation').update({ documentId: doc.documentId, data: { service: ids.accueil.id } as never });
    await http(app).post(`/api/workflow/evaluations/${doc.documentId}/transitions`).set('Authorization', `Bearer ${agent}`).send({ action: 'submit' }).expect(200);
    const head = await login(app, 'chef.accueil@demo.local');
    await http(app).post(`/api/workflow/evaluations/${doc.documentId}/transitions`).set('Authorization', `Bearer ${head}`).send({ action: 'validate' }).expect(200);
    expect(await drift()).toEqual([]);
    const other = await documentIn(app, 'api::evaluation.evaluation', 'draft', { serviceId: ids.accueil.id, campaignId: ids.campaign.id });
    await app.documents('api::evaluation.evaluation').delete({ documentId: other.documentId });
    expect(await drift()).toEqual([]);
  });

  it('follow a bulk campaign build', async () => {
    const admin = await adminLogin(app, 'admin@demo.local');
    const referential = await app.db.query('api::referential.referential').findOne({ where: { code: 'marianne-2016' } });
    const build = await http(app)
      .post('/charte-admin/campaigns/builds')
      .set('Authorization', `Bearer ${admin}`)
      .send({ referential: referential.documentId, name: 'Contrôle des faits', kind: 'audit-interne', startDate: '2026-09-01', services: [ids.accueil.documentId, ids.scolaire.documentId], prefill: true })
      .expect(202);
    await eventually(
      'la fin de la création de campagne',
      async () => (await http(app).get(`/charte-admin/campaigns/builds/${build.body.data.buildId}`).set('Authorization', `Bearer ${admin}`)).body.data,
      (status) => status.state !== 'running',
      { timeoutMs: 60_000, intervalMs: 25 },
    );
    expect(await drift()).toEqual([]);
  });

  it('never let progress serve figures older than the database, whoever wrote', async () => {
    const dgs = await login(app, 'dgs@demo.local');
    const approvedOf = async () => {
      const res = await http(app).get(`/api/progress?campaign=${ids.campaign.documentId}`).set('Authorization', `Bearer ${dgs}`).expect(200);
      return res.body.data.find((r: { service: { slug: string } }) => r.service.slug === 'accueil-etat-civil').evaluations.approved as number;
    };
    const before = await approvedOf();
    expect(await approvedOf()).toBe(before); // served again, unchanged
    // A write that bypasses this instance entirely (raw SQL, as another instance or a script would).
    const { rows } = await app.db.connection.raw(`
      update evaluations set workflow_state = 'approved' where id = (
        select e.id from evaluations e join evaluations_service_lnk s on s.evaluation_id = e.id
        join evaluations_campaign_lnk c on c.evaluation_id = e.id
        where s.service_id = ? and c.campaign_id = ? and e.workflow_state = 'validated' limit 1) returning id`, [ids.accueil.id, ids.campaign.id]);
    expect(rows).toHaveLength(1);
    expect(await approvedOf()).toBe(before + 1);
    // And through the workflow API, as the front does.
    const doc = await documentIn(app, 'api::evaluation.evaluation', 'validated', { serviceId: ids.accueil.id, campaignId: ids.campaign.id, criterionId: ids.criterion.id });
    expect(await approvedOf()).toBe(before + 1);
    await http(app).post(`/api/workflow/evaluations/${doc.documentId}/transitions`).set('Authorization', `Bearer ${dgs}`).send({ action: 'approve' }).expect(200);
    expect(await approvedOf()).toBe(before + 2);
  });

  it('are rebuilt at boot from whatever the tables hold', async () => {
    await app.db.connection.raw('truncate charte_evaluation_facts');
    const { installEvaluationFacts } = await import('../../cms/src/progress/evaluation-facts');
    await installEvaluationFacts(app);
    expect(await drift()).toEqual([]);
  });
});
