import { batchResultSchema, inboxSchema, type Inbox, type InboxItem } from '@charte/contract/schemas';
import type { Core } from '@strapi/strapi';
import { documentIn, demoIds } from '../helpers/fixtures';
import { expectContract } from '../helpers/contract';
import { http, login, startStrapi, stopStrapi } from '../helpers/strapi';

const EVALUATION = 'api::evaluation.evaluation';
const EVENT = 'api::workflow-event.workflow-event';
const DAY = 86_400_000;
let app: Core.Strapi;
let ids: Awaited<ReturnType<typeof demoIds>>;
const jwt: Record<string, string> = {};

beforeAll(async () => {
  app = await startStrapi();
  ids = await demoIds(app);
  for (const who of ['agent.accueil', 'chef.accueil', 'qualite', 'dgs']) jwt[who] = await login(app, `${who}@demo.local`);
});
afterAll(() => stopStrapi(app));

const evaluationIn = (state: string, serviceId = ids.accueil.id) =>
  documentIn(app, EVALUATION, state, { serviceId, authorId: ids.agent.id, campaignId: ids.campaign.id, criterionId: ids.criterion.id });

/** An event that brought `documentId` into `to` `daysAgo` days ago (the inbox's waiting time is read from the history). */
const entered = (documentId: string, from: string, to: string, daysAgo: number, action = 'submit', comment: string | null = null) =>
  app.db.query(EVENT).create({
    data: { targetUid: EVALUATION, targetDocumentId: documentId, action, fromState: from, toState: to, actorName: 'chef.accueil', role: 'chef-de-service', comment, at: new Date(Date.now() - daysAgo * DAY - 60_000).toISOString() },
  });

const get = (who: string | null, query = '') => {
  const req = http(app).get(`/api/workflow/inbox${query}`);
  return who ? req.set('Authorization', `Bearer ${jwt[who]}`) : req;
};
async function inbox(who: string, query = ''): Promise<Inbox> {
  const res = await get(who, query);
  expect(res.status).toBe(200);
  return expectContract(inboxSchema, res.body.data);
}
const group = (data: Inbox, name: string) => data.groups.find((g) => g.name === name)!;
const items = (data: Inbox): InboxItem[] => data.groups.flatMap((g) => g.items);
const batch = (who: string | null, body: unknown) => {
  const req = http(app).post('/api/workflow/batch');
  return (who ? req.set('Authorization', `Bearer ${jwt[who]}`) : req).send(body as object);
};
const stateOf = async (documentId: string) => (await app.db.query(EVALUATION).findOne({ where: { documentId } })).workflowState;

/** How many documents of a type wait in `state` for a service, counted straight in the tables. */
async function countIn(state: string, slug: string, table = 'evaluations', link = 'evaluations_service_lnk', column = 'evaluation_id') {
  const { rows } = await app.db.connection.raw(
    `select count(*)::int as n from ${table} d join ${link} l on l.${column} = d.id join services s on s.id = l.service_id where d.workflow_state = ? and s.slug = ?`,
    [state, slug],
  );
  return rows[0].n as number;
}

describe('groups and counts', () => {
  it('groups a head’s inbox by what is asked: to validate, sent back, drafts; counts in SQL match the tables', async () => {
    const data = await inbox('chef.accueil', '?pageSize=100');
    expect(data.groups.map((g) => [g.name, g.label])).toEqual([
      ['to-validate', 'À valider'],
      ['sent-back', 'Renvoyés'],
      ['drafts', 'Mes brouillons'],
    ]);
    const toValidate = group(data, 'to-validate');
    expect(toValidate.items.every((i) => i.workflowState === 'submitted' && i.service?.slug === 'accueil-etat-civil')).toBe(true);
    expect(toValidate.items.every((i) => i.actions.map((a) => a.action).sort().join() === 'reject,validate')).toBe(true);
    const submitted =
      (await countIn('submitted', 'accueil-etat-civil')) +
      (await countIn('submitted', 'accueil-etat-civil', 'interviews', 'interviews_service_lnk', 'interview_id')) +
      (await countIn('submitted', 'accueil-etat-civil', 'roadmap_actions', 'roadmap_actions_service_lnk', 'roadmap_action_id')) +
      (await countIn('submitted', 'accueil-etat-civil', 'measures', 'measures_service_lnk', 'measure_id'));
    expect(toValidate.count).toBe(submitted);
    expect(toValidate.count).toBe(toValidate.items.length);
    expect(group(data, 'drafts').items.every((i) => i.workflowState === 'draft' && i.actions.some((a) => a.action === 'submit'))).toBe(true);
    expect(data.total).toBe(data.groups.reduce((sum, g) => sum + g.count, 0));
  });

  it('gives the DGS what to approve from every service, charter principles included, and the batch action', async () => {
    const principle = await documentIn(app, 'api::charter-principle.charter-principle', 'submitted');
    const data = await inbox('dgs', '?pageSize=100');
    expect(data.groups.map((g) => g.name)).toEqual(['to-approve']);
    const toApprove = group(data, 'to-approve');
    expect(toApprove).toMatchObject({ label: 'À approuver', action: 'approve', batch: true });
    expect(toApprove.items.find((i) => i.documentId === principle.documentId)).toMatchObject({ collection: 'charter-principles', service: null });
    expect(new Set(toApprove.items.filter((i) => i.collection === 'evaluations').map((i) => i.service?.slug)).size).toBe(4);
    expect(data.filters.types.map((t) => t.value)).toEqual(expect.arrayContaining(['evaluations', 'charter-principles']));
  });

  it('puts a sheet sent back to its author under « Renvoyés » with the head’s comment, not under the drafts', async () => {
    const doc = await evaluationIn('submitted');
    const comment = 'Préciser les registres consultés.';
    const res = await http(app).post(`/api/workflow/evaluations/${doc.documentId}/transitions`).set('Authorization', `Bearer ${jwt['chef.accueil']}`).send({ action: 'reject', comment });
    expect(res.status).toBe(200);
    const data = await inbox('agent.accueil', '?pageSize=100');
    expect(data.groups.map((g) => g.name)).toEqual(['sent-back', 'drafts']);
    const item = group(data, 'sent-back').items.find((i) => i.documentId === doc.documentId);
    expect(item).toMatchObject({ workflowState: 'draft', waitingDays: 0, lastEvent: { action: 'reject', actionLabel: 'Renvoyer', actor: 'Karim Benali', comment } });
    expect(group(data, 'drafts').items.some((i) => i.documentId === doc.documentId)).toBe(false);
    expect(group(data, 'drafts').items.every((i) => i.lastEvent === null)).toBe(true);
  });

  it('is 401 for an anonymous caller', async () => {
    expect((await get(null)).status).toBe(401);
  });
});

describe('waiting time and paging', () => {
  it('sorts each group by the time since the document entered its state, longest first, in whole days', async () => {
    const recent = await evaluationIn('submitted');
    const old = await evaluationIn('submitted');
    await entered(recent.documentId, 'draft', 'submitted', 3);
    await entered(old.documentId, 'draft', 'submitted', 400);
    // An older event that is not the last one does not count: the sheet came back into « Soumis » 3 days ago.
    await entered(recent.documentId, 'draft', 'submitted', 500);
    const list = group(await inbox('chef.accueil', '?group=to-validate&pageSize=100'), 'to-validate').items;
    const since = list.map((i) => Date.parse(i.waitingSince));
    expect(since).toEqual([...since].sort((a, b) => a - b));
    expect(list.find((i) => i.documentId === recent.documentId)?.waitingDays).toBe(3);
    expect(list.find((i) => i.documentId === old.documentId)?.waitingDays).toBe(400);
    expect(list.findIndex((i) => i.documentId === old.documentId)).toBeLessThan(list.findIndex((i) => i.documentId === recent.documentId));
  });

  it('pages one group: page 2 follows page 1 without overlap, with the group’s count and page count', async () => {
    const first = group(await inbox('qualite', '?group=drafts&pageSize=3'), 'drafts');
    const second = group(await inbox('qualite', '?group=drafts&pageSize=3&page=2'), 'drafts');
    expect(first.count).toBeGreaterThan(6);
    expect(first).toMatchObject({ page: 1, pageSize: 3, pageCount: Math.ceil(first.count / 3) });
    expect(second).toMatchObject({ page: 2, count: first.count });
    expect(first.items).toHaveLength(3);
    expect(second.items).toHaveLength(3);
    const keys = (list: InboxItem[]) => list.map((i) => `${i.collection}/${i.documentId}`);
    expect(keys(first.items).filter((k) => keys(second.items).includes(k))).toEqual([]);
    expect(Date.parse(first.items[2].waitingSince)).toBeLessThanOrEqual(Date.parse(second.items[0].waitingSince));
  });
});

describe('freshness (answers are kept until a table they read is written)', () => {
  const toValidate = async () => group(await inbox('chef.accueil', '?group=to-validate&pageSize=100'), 'to-validate');
  const find = (g: Inbox['groups'][number], documentId: string) => g.items.find((i) => i.documentId === documentId);

  it('shows at once a document created, moved by a transition, or written by plain SQL', async () => {
    const before = await toValidate();
    const doc = await evaluationIn('submitted');
    const created = await toValidate();
    expect(created.count).toBe(before.count + 1);
    expect(find(created, doc.documentId)).toMatchObject({ workflowState: 'submitted', waitingDays: 0 });

    // An event written straight into the history: the waiting time follows it.
    await entered(doc.documentId, 'draft', 'submitted', 12);
    expect(find(await toValidate(), doc.documentId)?.waitingDays).toBe(12);

    // A title read from the criterion, renamed by SQL (no Document Service, no lifecycle).
    const { rows } = await app.db.connection.raw('select title from criteria where id = ?', [ids.criterion.id]);
    try {
      await app.db.connection.raw('update criteria set title = ? where id = ?', ['Intitulé renommé pour le test', ids.criterion.id]);
      expect(find(await toValidate(), doc.documentId)?.title).toMatch(/— Intitulé renommé pour le test$/);
    } finally {
      await app.db.connection.raw('update criteria set title = ? where id = ?', [rows[0].title, ids.criterion.id]);
    }

    const res = await http(app).post(`/api/workflow/evaluations/${doc.documentId}/transitions`).set('Authorization', `Bearer ${jwt['chef.accueil']}`).send({ action: 'validate' });
    expect(res.status).toBe(200);
    const after = await toValidate();
    expect(after.count).toBe(before.count);
    expect(find(after, doc.documentId)).toBeUndefined();
    // … and it is now the DGS’s to approve.
    expect(group(await inbox('dgs', '?type=evaluations&service=accueil-etat-civil&pageSize=100'), 'to-approve').items.some((i) => i.documentId === doc.documentId)).toBe(true);
  });

  it('keeps each caller’s own answer: the same query gives a head and an agent of the service their own groups', async () => {
    const head = await inbox('chef.accueil', '?pageSize=100');
    const agent = await inbox('agent.accueil', '?pageSize=100');
    expect(head.groups.map((g) => g.name)).toContain('to-validate');
    expect(agent.groups.map((g) => g.name)).not.toContain('to-validate');
    expect((await inbox('chef.accueil', '?pageSize=100')).groups.map((g) => g.name)).toEqual(head.groups.map((g) => g.name));
  });
});

describe('filters', () => {
  it('filters by type and by service, counts under the filters, and lists the options with their counts', async () => {
    const all = await inbox('qualite', '?pageSize=100');
    const interviews = await inbox('qualite', '?type=interviews&pageSize=100');
    expect(items(interviews).length).toBeGreaterThan(0);
    expect(items(interviews).every((i) => i.collection === 'interviews')).toBe(true);
    expect(interviews.total).toBe(all.filters.types.find((t) => t.value === 'interviews')!.count);
    expect(interviews.applied).toEqual({ type: 'interviews', service: null, group: null });

    const scolaire = await inbox('qualite', '?service=scolaire-periscolaire&pageSize=100');
    expect(items(scolaire).every((i) => i.service?.slug === 'scolaire-periscolaire')).toBe(true);
    expect(scolaire.total).toBe(all.filters.services.find((s) => s.value === 'scolaire-periscolaire')!.count);
    // Each filter's options are counted under the other filter.
    expect(scolaire.filters.services).toEqual(all.filters.services);
    expect(scolaire.filters.types.reduce((sum, t) => sum + t.count, 0)).toBe(scolaire.total);
    expect(all.filters.services.map((s) => s.label)).toEqual([...all.filters.services.map((s) => s.label)].sort((a, b) => a.localeCompare(b, 'fr')));

    const both = await inbox('qualite', '?service=scolaire-periscolaire&type=evaluations&group=drafts');
    expect(both.groups.map((g) => g.name)).toEqual(['drafts']);
    expect(group(both, 'drafts').count).toBe(await countIn('draft', 'scolaire-periscolaire') - group(await inbox('qualite', '?service=scolaire-periscolaire&type=evaluations&group=sent-back'), 'sent-back').count);
  });

  it.each([
    ['?type=bogus', /Type inconnu : « bogus »\. Types possibles : evaluations \(Évaluation\)/],
    ['?service=nulle-part', /Service inconnu : « nulle-part »/],
    ['?service=%27%20or%201%3D1', /Service inconnu/],
    ['?group=urgent', /Groupe inconnu : « urgent »\. Groupes possibles : to-validate \(À valider\)/],
    ['?page=0&group=drafts', /« page » doit être un nombre entier positif/],
    ['?page=2', /ajoutez « group »/],
    ['?pageSize=beaucoup', /« pageSize » doit être un nombre entier positif/],
    ['?type=measures&type=evaluations', /« type » ne peut être donné qu’une fois/],
    ['?sort=since', /Paramètre inconnu : sort/],
  ])('refuses %s with a French 400', async (query, message) => {
    const res = await get('qualite', query);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
  });
});

describe('batch approval', () => {
  it('approves each validated sheet through the engine, and reports the one already approved (409) in French', async () => {
    const [a, b, taken] = [await evaluationIn('validated'), await evaluationIn('validated', ids.scolaire.id), await evaluationIn('validated')];
    // Someone approves one of them first.
    const first = await http(app).post(`/api/workflow/evaluations/${taken.documentId}/transitions`).set('Authorization', `Bearer ${jwt.dgs}`).send({ action: 'approve' });
    expect(first.status).toBe(200);
    const res = await batch('dgs', { action: 'approve', items: [a, taken, b].map((d) => ({ collection: 'evaluations', documentId: d.documentId })) });
    expect(res.status).toBe(200);
    const result = expectContract(batchResultSchema, res.body.data);
    expect(result).toMatchObject({ action: 'approve', done: 2, failed: 1 });
    expect(result.results.map((r) => [r.documentId, r.ok])).toEqual([
      [a.documentId, true],
      [taken.documentId, false],
      [b.documentId, true],
    ]);
    expect(result.results[1]).toMatchObject({ status: 409, message: 'Déjà traité par Hélène Marchand (Approuver) : le document est à l’état « Approuvé ».', title: expect.stringMatching(/^QV-01 — /) });
    expect(result.results[0]).toMatchObject({ workflowState: 'approved', title: expect.stringMatching(/^QV-01 — /) });
    expect([await stateOf(a.documentId), await stateOf(b.documentId)]).toEqual(['approved', 'approved']);
    // One event each, as if approved one by one.
    const events = await app.db.query(EVENT).findMany({ where: { targetDocumentId: { $in: [a.documentId, b.documentId, taken.documentId] }, action: 'approve' } });
    expect(events).toHaveLength(3);
  });

  it('refuses the whole batch to a role that may not approve (403), and changes nothing', async () => {
    const doc = await evaluationIn('validated');
    const res = await batch('chef.accueil', { action: 'approve', items: [{ collection: 'evaluations', documentId: doc.documentId }] });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe('Votre rôle ne permet pas l’action « Approuver ».');
    expect(await stateOf(doc.documentId)).toBe('validated');
  });

  it('reports per document what the engine refuses: a sheet not yet validated (409), an unknown one (404)', async () => {
    const submitted = await evaluationIn('submitted');
    const res = await batch('dgs', {
      action: 'approve',
      items: [
        { collection: 'evaluations', documentId: submitted.documentId },
        { collection: 'evaluations', documentId: 'zzzzzzzzzzzzzzzzzzzzzzzz' },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ done: 0, failed: 2 });
    expect(res.body.data.results[0]).toMatchObject({ ok: false, status: 409, message: 'Action « Approuver » impossible : le document est à l’état « Soumis ».' });
    expect(res.body.data.results[1]).toMatchObject({ ok: false, status: 404, message: 'Document introuvable.', title: null });
  });

  it.each([
    ['an action that is not done in batches', { action: 'reject', items: [{ collection: 'evaluations', documentId: 'x' }] }, 400, /ne se fait pas par lot\. Actions possibles par lot : approve \(Approuver\)/],
    ['no items', { action: 'approve', items: [] }, 400, /au moins un document/],
    ['the same document twice', { action: 'approve', items: [{ collection: 'evaluations', documentId: 'a' }, { collection: 'evaluations', documentId: 'a' }] }, 400, /Document n° 2 : déjà dans la liste/],
    ['an unknown type', { action: 'approve', items: [{ collection: 'courriers', documentId: 'a' }] }, 400, /type de document inconnu « courriers »/],
    ['too many items', { action: 'approve', items: Array.from({ length: 51 }, (_, i) => ({ collection: 'evaluations', documentId: `d${i}` })) }, 400, /Au plus 50 documents par lot/],
  ])('refuses %s (%s)', async (_label, body, status, message) => {
    const res = await batch('dgs', body);
    expect(res.status).toBe(status);
    expect(res.body.error.message).toMatch(message);
  });

  it('is 401 for an anonymous caller', async () => {
    expect((await batch(null, { action: 'approve', items: [] })).status).toBe(401);
  });
});
