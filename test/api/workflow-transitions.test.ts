import path from 'node:path';
import { historyEventSchema, inboxSchema, transitionResultSchema, workflowDefinitionsSchema } from '@charte/contract/schemas';
import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import { populateQuery } from '../../front/src/lib/documents';
import { testDistDir } from '../helpers/compiled-cms';
import { expectContract } from '../helpers/contract';
import { documentIn, demoIds } from '../helpers/fixtures';
import { eventually } from '../helpers/eventually';
import { freePort, startMailCatcher } from '../helpers/mail-catcher';
import { mailJobs, sqlOf, untilMailsSent } from '../helpers/mail-queue';
import { adminLogin, http, login, startStrapi, stopStrapi } from '../helpers/strapi';

const EVALUATION = 'api::evaluation.evaluation';
let app: Core.Strapi;
let ids: Awaited<ReturnType<typeof demoIds>>;
let smtpPort: number;
const jwt: Record<string, string> = {};

beforeAll(async () => {
  // SMTP points at a port where nothing listens until a test starts a server there.
  smtpPort = await freePort();
  process.env.SMTP_HOST = '127.0.0.1';
  process.env.SMTP_PORT = String(smtpPort);
  process.env.MAIL_RETRY_DELAY_SECONDS = '1';
  process.env.MAIL_PAUSE_SECONDS = '1';
  process.env.MAIL_OUTBOX_POLL_SECONDS = '1';
  app = await startStrapi();
  ids = await demoIds(app);
  for (const who of ['agent.accueil', 'chef.accueil', 'chef.scolaire', 'qualite', 'dgs']) jwt[who] = await login(app, `${who}@demo.local`);
});
afterAll(async () => {
  await stopStrapi(app);
  delete process.env.SMTP_HOST;
  delete process.env.SMTP_PORT;
  delete process.env.MAIL_OUTBOX_POLL_SECONDS;
});

const evaluationIn = (state: string, serviceId = ids.accueil.id) =>
  documentIn(app, EVALUATION, state, { serviceId, authorId: ids.agent.id, campaignId: ids.campaign.id, criterionId: ids.criterion.id });
const transition = (documentId: string, who: string | null, body: unknown, collection = 'evaluations') => {
  const req = http(app).post(`/api/workflow/${collection}/${documentId}/transitions`);
  return (who ? req.set('Authorization', `Bearer ${jwt[who]}`) : req).send(body as object);
};
const stateOf = async (documentId: string) => (await app.db.query(EVALUATION).findOne({ where: { documentId } })).workflowState;
const eventsOf = (documentId: string) => app.db.query('api::workflow-event.workflow-event').findMany({ where: { targetDocumentId: documentId } });

describe('transition API', () => {
  it('moves a draft to submitted for an agent of its service, with one history event', async () => {
    const doc = await evaluationIn('draft');
    const res = await transition(doc.documentId, 'agent.accueil', { action: 'submit' });
    expect(res.status).toBe(200);
    expectContract(transitionResultSchema, res.body.data);
    expect(res.body.data).toMatchObject({ documentId: doc.documentId, workflowState: 'submitted', previousState: 'draft', action: 'submit' });
    expect(await stateOf(doc.documentId)).toBe('submitted');
    expect(await eventsOf(doc.documentId)).toEqual([expect.objectContaining({ action: 'submit', fromState: 'draft', toState: 'submitted', actorName: 'Julie Moreau', role: 'agent' })]);
  });

  it('writes its history event as the Document Service would (document id, dates, actor link)', async () => {
    const doc = await evaluationIn('draft');
    const before = new Date();
    const res = await transition(doc.documentId, 'agent.accueil', { action: 'submit', comment: 'Prête à relire' });
    expect(res.status).toBe(200);
    const {
      rows: [row],
    } = await app.db.connection.raw(
      `select e.*, l.user_id from workflow_events e left join workflow_events_actor_lnk l on l.workflow_event_id = e.id where e.id = ?`,
      [res.body.data.event.id],
    );
    expect(row).toMatchObject({ target_uid: EVALUATION, target_document_id: doc.documentId, action: 'submit', from_state: 'draft', to_state: 'submitted', comment: 'Prête à relire', user_id: ids.agent.id, locale: null });
    expect(row.document_id).toMatch(/^[a-z0-9]{24}$/);
    for (const column of ['at', 'created_at', 'updated_at', 'published_at']) expect(new Date(row[column]).getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);
    // Read back through Strapi's own query engine and API, with its actor.
    const event = await app.db.query('api::workflow-event.workflow-event').findOne({ where: { id: row.id }, populate: { actor: { select: ['id'] } } });
    expect(event).toMatchObject({ documentId: row.document_id, actor: { id: ids.agent.id }, actorName: 'Julie Moreau' });
    expect(res.body.data.event).toMatchObject({ id: row.id, actor: 'Julie Moreau', role: 'agent', comment: 'Prête à relire' });
  });

  it.each([
    ['no body', undefined, /Corps de requête attendu/],
    ['an array body', [], /Corps de requête attendu/],
    ['an unknown action', { action: 'publish' }, /Action inconnue/],
    ['a non-text comment', { action: 'submit', comment: 42 }, /commentaire doit être un texte/],
    ['an unknown field', { action: 'submit', state: 'approved' }, /Champ inconnu : state/],
  ])('answers 400 in French for %s, and changes nothing', async (_label, body, message) => {
    const doc = await evaluationIn('draft');
    const res = await transition(doc.documentId, 'agent.accueil', body);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
    expect(await stateOf(doc.documentId)).toBe('draft');
  });

  it('answers 400 when a reject comes without its comment', async () => {
    const doc = await evaluationIn('submitted');
    const res = await transition(doc.documentId, 'chef.accueil', { action: 'reject', comment: '   ' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/commentaire est obligatoire/);
    expect(await stateOf(doc.documentId)).toBe('submitted');
  });

  it('answers 401 to an anonymous caller', async () => {
    const doc = await evaluationIn('draft');
    const res = await transition(doc.documentId, null, { action: 'submit' });
    expect(res.status).toBe(401);
    expect(res.body.error.message).toMatch(/Connectez-vous/);
  });

  it('answers 403 to a role that may not act, and to a head of another service', async () => {
    const doc = await evaluationIn('submitted');
    expect((await transition(doc.documentId, 'agent.accueil', { action: 'validate' })).status).toBe(403);
    const other = await transition(doc.documentId, 'chef.scolaire', { action: 'validate' });
    expect(other.status).toBe(403);
    expect(other.body.error.message).toMatch(/chef de ce service/);
    expect(await stateOf(doc.documentId)).toBe('submitted');
  });

  it('answers 404 for an unknown document or collection', async () => {
    expect((await transition('nexistepas000000000000000', 'dgs', { action: 'approve' })).status).toBe(404);
    const doc = await evaluationIn('validated');
    expect((await transition(doc.documentId, 'dgs', { action: 'approve' }, 'budgets')).status).toBe(404);
  });

  it('answers 409 when the action does not apply to the current state', async () => {
    const doc = await evaluationIn('draft');
    const res = await transition(doc.documentId, 'dgs', { action: 'approve' });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/Brouillon/);
  });

  it('says why an action does not apply yet, without blaming the last person who acted', async () => {
    // The head submitted it; approving it now is not something another person already did.
    const doc = await evaluationIn('draft');
    await transition(doc.documentId, 'chef.accueil', { action: 'submit' }).expect(200);
    const early = await transition(doc.documentId, 'dgs', { action: 'approve' });
    expect(early.status).toBe(409);
    expect(early.body.error.message).toBe('Action « Approuver » impossible : le document est à l’état « Soumis ».');
    // Validated meanwhile by the head: a second validation is what someone else already did.
    await transition(doc.documentId, 'chef.accueil', { action: 'validate' }).expect(200);
    const late = await transition(doc.documentId, 'chef.accueil', { action: 'validate' });
    expect(late.status).toBe(409);
    expect(late.body.error.message).toMatch(/^Déjà traité par Karim Benali \(Valider\) : le document est à l’état « Validé »\.$/);
  });

  it('walks the whole path with rejects and a reopen, and returns the history oldest first', async () => {
    const doc = await evaluationIn('draft');
    const steps: [string, Record<string, string>][] = [
      ['agent.accueil', { action: 'submit' }],
      ['chef.accueil', { action: 'reject', comment: 'Preuves manquantes' }],
      ['agent.accueil', { action: 'submit' }],
      ['chef.accueil', { action: 'validate' }],
      ['dgs', { action: 'approve' }],
      ['dgs', { action: 'reopen', comment: 'Nouvelle procédure à prendre en compte' }],
    ];
    for (const [who, body] of steps) expect((await transition(doc.documentId, who, body)).status).toBe(200);
    const history = await http(app).get(`/api/workflow/evaluations/${doc.documentId}/history`).set('Authorization', `Bearer ${jwt['agent.accueil']}`);
    expect(history.status).toBe(200);
    expectContract(z.array(historyEventSchema), history.body.data);
    expect(history.body.data.map((e: { action: string; from: string; to: string }) => `${e.action}:${e.from}>${e.to}`)).toEqual([
      'submit:draft>submitted',
      'reject:submitted>draft',
      'submit:draft>submitted',
      'validate:submitted>validated',
      'approve:validated>approved',
      'reopen:approved>draft',
    ]);
    expect(history.body.data[1]).toMatchObject({ actor: 'Karim Benali', role: 'chef-de-service', comment: 'Preuves manquantes', actionLabel: 'Renvoyer' });
    expect(history.body.data[0].at).toEqual(expect.any(String));
  });

  it('reads a document’s history through the history index, not the whole table', async () => {
    const doc = await evaluationIn('draft');
    const seen: { sql: string; bindings: unknown[] }[] = [];
    const listen = (query: { sql: string; bindings: unknown[] }) => seen.push(query);
    app.db.connection.on('query', listen);
    try {
      expect((await http(app).get(`/api/workflow/evaluations/${doc.documentId}/history`).set('Authorization', `Bearer ${jwt['agent.accueil']}`)).status).toBe(200);
    } finally {
      app.db.connection.off('query', listen);
    }
    const history = seen.find((q) => /"workflow_events"/.test(q.sql) && /target_document_id/.test(q.sql));
    expect(history).toBeDefined();
    // The demo's history is small enough for a sequential scan: forbid it to see whether the index serves the query.
    const plan = await app.db.connection.transaction(async (trx) => {
      await trx.raw('set local enable_seqscan = off');
      const { rows } = await trx.raw(`explain ${history!.sql.replace(/\$\d+/g, '?')}`, history!.bindings as never[]);
      return rows.map((r: { 'QUERY PLAN': string }) => r['QUERY PLAN']).join('\n');
    });
    expect(plan).toMatch(/Index (Only )?Scan using workflow_events_target on workflow_events/);
  });

  it('hides the history of another service’s document', async () => {
    const doc = await evaluationIn('draft', ids.scolaire.id);
    expect((await http(app).get(`/api/workflow/evaluations/${doc.documentId}/history`).set('Authorization', `Bearer ${jwt['agent.accueil']}`)).status).toBe(404);
  });
});

describe('what an action requires of the content (config/workflows.yaml requires:)', () => {
  const unpositioned = async () => {
    const doc = await evaluationIn('draft');
    await app.db.query(EVALUATION).update({ where: { documentId: doc.documentId }, data: { result: 'non-evalue' } });
    return doc;
  };

  it('refuses to submit an evaluation still « Non évalué », in French, naming the field, and changes nothing', async () => {
    const doc = await unpositioned();
    const res = await transition(doc.documentId, 'agent.accueil', { action: 'submit' });
    expect(res.status).toBe(422);
    expect(res.body.error.message).toBe(
      'Action « Soumettre » impossible : « Résultat » est encore « Non évalué ». Renseignez ce champ et enregistrez, puis recommencez.',
    );
    expect(res.body.error.details.errors).toEqual([expect.objectContaining({ path: ['result'] })]);
    expect(await stateOf(doc.documentId)).toBe('draft');
    expect(await eventsOf(doc.documentId)).toEqual([]);
    // Positioned, it goes.
    const put = await http(app).put(`/api/evaluations/${doc.documentId}`).set('Authorization', `Bearer ${jwt['agent.accueil']}`).send({ data: { result: 'partiel' } });
    expect(put.status).toBe(200);
    expect((await transition(doc.documentId, 'agent.accueil', { action: 'submit' })).status).toBe(200);
  });

  it('tells someone outside the service that they may not act, not what the sheet lacks', async () => {
    const doc = await unpositioned();
    const res = await transition(doc.documentId, 'chef.scolaire', { action: 'submit' });
    expect(res.status).toBe(403);
    expect(res.body.error.message).not.toMatch(/Résultat/);
  });

  it('holds in the transition’s own statement, so an edit made meanwhile cannot slip through', async () => {
    const doc = await unpositioned();
    // The compiled modules the running cms uses: the statement as the engine builds it, without the check before it.
    /* eslint-disable @typescript-eslint/no-require-imports */
    const { moveAndRecord } = require(path.join(testDistDir(), 'src', 'workflow', 'record-transition'));
    const { workflowByCollection } = require(path.join(testDistDir(), 'src', 'workflow', 'definitions'));
    const { contentConditions, requirementsOf } = require(path.join(testDistDir(), 'src', 'workflow', 'requirements'));
    /* eslint-enable @typescript-eslint/no-require-imports */
    const workflow = workflowByCollection('evaluations');
    const conditions = contentConditions(app, workflow, requirementsOf(workflow, 'submit'));
    const write = { documentId: doc.documentId, action: 'submit', from: 'draft', to: 'submitted', userId: ids.agent.id, actorName: 'Julie Moreau', role: 'agent', comment: null, at: new Date() };
    expect(await moveAndRecord(app, app.db.connection, workflow, write, [], conditions)).toBeNull();
    expect(await stateOf(doc.documentId)).toBe('draft');
    expect(await eventsOf(doc.documentId)).toEqual([]);
  });
});

describe('race between concurrent transitions', () => {
  it('lets exactly one of 20 concurrent validations win, with one history event', async () => {
    const doc = await evaluationIn('submitted');
    const responses = await Promise.all(Array.from({ length: 20 }, () => transition(doc.documentId, 'chef.accueil', { action: 'validate' })));
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    expect(responses.find((r) => r.status === 409)!.body.error.message).toMatch(/Déjà traité par Karim Benali \(Valider\)/);
    expect(await eventsOf(doc.documentId)).toHaveLength(1);
    expect(await stateOf(doc.documentId)).toBe('validated');
  });
});

describe('workflowState and read-only documents, whatever the door', () => {
  it('refuses to set workflowState through REST create and update', async () => {
    const created = await http(app)
      .post('/api/evaluations')
      .set('Authorization', `Bearer ${jwt['agent.accueil']}`)
      .send({ data: { result: 'conforme', workflowState: 'approved', campaign: ids.campaign.documentId, criterion: ids.criterion.documentId } });
    expect(created.status).toBe(400);
    const doc = await evaluationIn('draft');
    const updated = await http(app)
      .put(`/api/evaluations/${doc.documentId}`)
      .set('Authorization', `Bearer ${jwt['agent.accueil']}`)
      .send({ data: { workflowState: 'approved' } });
    expect(updated.status).toBe(400);
    expect(updated.body.error.message).toMatch(/utilisez les actions/);
    expect(await stateOf(doc.documentId)).toBe('draft');
  });

  it('refuses to edit or delete a submitted document through REST', async () => {
    const doc = await evaluationIn('submitted');
    const res = await http(app)
      .put(`/api/evaluations/${doc.documentId}`)
      .set('Authorization', `Bearer ${jwt['agent.accueil']}`)
      .send({ data: { findings: 'Modifié après soumission' } });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/à l’état « Soumis » : il ne peut plus être modifié/);
    const del = await http(app).delete(`/api/evaluations/${doc.documentId}`).set('Authorization', `Bearer ${jwt['agent.accueil']}`);
    expect(del.status).toBe(400);
    expect((await app.db.query(EVALUATION).findOne({ where: { documentId: doc.documentId } })).findings).toBe('Constat de test');
  });

  it('refuses the same through the admin panel', async () => {
    const token = await adminLogin(app, 'admin@demo.local');
    const doc = await evaluationIn('validated');
    const res = await http(app)
      .put(`/content-manager/collection-types/${EVALUATION}/${doc.documentId}`)
      .set('Authorization', `Bearer ${token}`)
      .send({ findings: 'Changé dans l’admin' });
    expect(res.status).toBe(400);
    const state = await http(app)
      .put(`/content-manager/collection-types/${EVALUATION}/${(await evaluationIn('draft')).documentId}`)
      .set('Authorization', `Bearer ${token}`)
      .send({ workflowState: 'approved' });
    expect(state.status).toBe(400);
  });

  it('refuses the same through strapi.documents()', async () => {
    const doc = await evaluationIn('approved');
    await expect(app.documents(EVALUATION).update({ documentId: doc.documentId, data: { findings: 'script' } })).rejects.toThrow(/Approuvé/);
    await expect(app.documents(EVALUATION).create({ data: { result: 'conforme', workflowState: 'validated' } })).rejects.toThrow(/Brouillon/);
    const draft = await evaluationIn('draft');
    await expect(app.documents(EVALUATION).update({ documentId: draft.documentId, data: { workflowState: 'submitted' } })).rejects.toThrow();
    expect(await stateOf(draft.documentId)).toBe('draft');
  });
});

describe('agents write in their own service only', () => {
  const create = (who: string, data: Record<string, unknown>) =>
    http(app).post('/api/evaluations').set('Authorization', `Bearer ${jwt[who]}`).send({ data });

  it('forces the service of an agent who names none, and records the author', async () => {
    const res = await create('agent.accueil', { result: 'partiel', findings: 'Brouillon d’agent', campaign: ids.campaign.documentId, criterion: ids.criterion.documentId });
    expect(res.status).toBe(201);
    const row = await app.db.query(EVALUATION).findOne({ where: { documentId: res.body.data.documentId }, populate: { service: true, author: true } });
    expect(row.service.slug).toBe('accueil-etat-civil');
    expect(row.author.email).toBe('agent.accueil@demo.local');
    expect(row.workflowState).toBe('draft');
  });

  it('refuses another service with 403', async () => {
    const before = await app.db.query(EVALUATION).count();
    const res = await create('agent.accueil', { result: 'partiel', service: ids.scolaire.documentId });
    expect(res.status).toBe(403);
    expect(await app.db.query(EVALUATION).count()).toBe(before);
  });

  it('cannot update another service’s draft (404) nor move its own draft there (403)', async () => {
    const other = await evaluationIn('draft', ids.scolaire.id);
    const put = (id: string, data: Record<string, unknown>) =>
      http(app).put(`/api/evaluations/${id}`).set('Authorization', `Bearer ${jwt['agent.accueil']}`).send({ data });
    expect((await put(other.documentId, { findings: 'intrusion' })).status).toBe(404);
    const own = await evaluationIn('draft');
    expect((await put(own.documentId, { service: ids.scolaire.documentId })).status).toBe(403);
    expect((await put(own.documentId, { findings: 'Complété' })).status).toBe(200);
  });
});

describe('inbox', () => {
  const inbox = async (who: string) => {
    // Every item of every group (test/api/inbox.test.ts covers the groups, filters and pages).
    const res = await http(app).get('/api/workflow/inbox?pageSize=100').set('Authorization', `Bearer ${jwt[who]}`);
    expect(res.status).toBe(200);
    return expectContract(inboxSchema, res.body.data).groups.flatMap((g) => g.items) as { collection: string; documentId: string; workflowState: string; service: { slug: string } | null; actions: { action: string }[] }[];
  };

  it('shows a head the submitted items of their service with validate and reject', async () => {
    const doc = await evaluationIn('submitted');
    const items = await inbox('chef.accueil');
    const item = items.find((i) => i.documentId === doc.documentId)!;
    expect(item.actions.map((a) => a.action).sort()).toEqual(['reject', 'validate']);
    expect(items.every((i) => i.service?.slug === 'accueil-etat-civil')).toBe(true);
    expect(items.some((i) => i.workflowState === 'validated')).toBe(false);
  });

  it('shows the DGS validated items of every service and submitted charter principles, never approved ones', async () => {
    const principle = await documentIn(app, 'api::charter-principle.charter-principle', 'submitted');
    const items = await inbox('dgs');
    expect(new Set(items.map((i) => i.workflowState))).toEqual(new Set(['validated', 'submitted']));
    // A principle is approved with the whole charter (decision charter-approval), not from the inbox: only « Renvoyer » here.
    expect(items.find((i) => i.documentId === principle.documentId)?.actions.map((a) => a.action).sort()).toEqual(['reject']);
    expect(new Set(items.filter((i) => i.collection === 'evaluations').map((i) => i.service?.slug)).size).toBe(4);
  });

  it('is empty for an anonymous caller: 401', async () => {
    expect((await http(app).get('/api/workflow/inbox')).status).toBe(401);
  });
});

describe('GET /api/workflow/definitions', () => {
  it('gives the screens the transition table, as the contract says', async () => {
    const res = await http(app).get('/api/workflow/definitions').set('Authorization', `Bearer ${jwt['agent.accueil']}`);
    expect(res.status).toBe(200);
    const definitions = expectContract(workflowDefinitionsSchema, res.body.data);
    expect(definitions.workflows.map((w) => w.collection)).toContain('evaluations');
  });
});

describe('e-mails', () => {
  it('are queued with the transition, survive an SMTP outage, and go out once SMTP is back', async () => {
    const doc = await evaluationIn('draft');
    const res = await transition(doc.documentId, 'agent.accueil', { action: 'submit' });
    expect(res.status).toBe(200); // SMTP is down: the transition does not care
    // The worker has met the outage (a refused attempt, the queue paused: one try per MAIL_PAUSE_SECONDS)
    // and this transition's mail waits in the queue.
    const queued = async () => ({ refused: (await mailJobs(sqlOf(app), '')).some((j) => j.state === 'retry'), ours: (await mailJobs(sqlOf(app), doc.documentId)).map((j) => j.state) });
    const { ours } = await eventually('un premier envoi refusé (SMTP arrêté), le courriel de cette fiche en file', queued, (q) => q.refused && q.ours.length > 0);
    expect(ours.every((state) => state === 'created' || state === 'retry')).toBe(true);
    expect(await stateOf(doc.documentId)).toBe('submitted');
    const catcher = await startMailCatcher(smtpPort);
    try {
      const mail = await catcher.waitFor((m) => m.text.includes(doc.documentId) && m.to.includes('chef.accueil@demo.local'), 60000);
      expect(mail.subject).toBe('[Charte d’accueil] À examiner : QV-01 — Une signalétique adaptée pour informer et accueillir');
      expect(mail.text).toContain('Julie Moreau a soumis');
      expect(mail.text).toContain(`/a-traiter/evaluations/${doc.documentId}`);
      // Validate notifies the DGS; reject notifies the author with the comment.
      await transition(doc.documentId, 'chef.accueil', { action: 'reject', comment: 'Joindre le registre des courriers' });
      const rejected = await catcher.waitFor((m) => m.subject.startsWith('[Charte d’accueil] Renvoyé') && m.text.includes(doc.documentId));
      expect(rejected.to).toContain('agent.accueil@demo.local');
      expect(rejected.text).toContain('« Joindre le registre des courriers »');
      await transition(doc.documentId, 'agent.accueil', { action: 'submit' });
      await transition(doc.documentId, 'chef.accueil', { action: 'validate' });
      const toDgs = await catcher.waitFor((m) => m.subject.startsWith('[Charte d’accueil] À approuver') && m.text.includes(doc.documentId));
      expect(toDgs.to).toContain('dgs@demo.local');
      // Every mail of this document has left: a second copy could only come from a job still to run.
      await untilMailsSent(sqlOf(app), doc.documentId);
      const forThisDoc = catcher.mails.filter((m) => m.text.includes(doc.documentId));
      expect(forThisDoc.filter((m) => m.subject.startsWith('[Charte d’accueil] À examiner') && m.to.includes('chef.accueil'))).toHaveLength(2);
    } finally {
      await catcher.close();
    }
  });
});

describe('mail outbox', () => {
  const sql = async (text: string, values: unknown[] = []) => (await app.db.connection.raw(text, values as never[])).rows as Record<string, any>[];
  const outboxFor = (documentId: string) => sql(`select id from charte_mail_outbox where mails::text like ?`, [`%${documentId}%`]);
  const jobsFor = (documentId: string) => sql(`select id from pgboss.job where name = 'workflow-mail' and data->>'text' like ?`, [`%${documentId}%`]);

  it('turns a transition’s outbox row into one job per recipient, and a refused transition writes none', async () => {
    const doc = await evaluationIn('validated');
    const [first, second] = await Promise.all([transition(doc.documentId, 'dgs', { action: 'approve' }), transition(doc.documentId, 'dgs', { action: 'approve' })]);
    expect([first.status, second.status].sort()).toEqual([200, 409]);
    // Approval notifies the author and the service's heads: two jobs, from one outbox row, then none left.
    expect((await eventually('les travaux d’envoi de l’approbation', () => jobsFor(doc.documentId), (jobs) => jobs.length >= 2)).length).toBe(2);
    expect(await outboxFor(doc.documentId)).toEqual([]);
    // Every relay under way has committed (it deletes the rows it turns into jobs): the count is final.
    await eventually('une boîte d’envoi vide', () => sql('select id from charte_mail_outbox'), (rows) => rows.length === 0);
    expect((await jobsFor(doc.documentId)).length).toBe(2);
  });

  it('sends a fiche back to whoever submitted it when the fiche has no author (the campaign builder writes none)', async () => {
    const doc = await documentIn(app, EVALUATION, 'draft', { serviceId: ids.accueil.id, campaignId: ids.campaign.id, criterionId: ids.criterion.id });
    expect((await transition(doc.documentId, 'agent.accueil', { action: 'submit' })).status).toBe(200);
    expect((await transition(doc.documentId, 'chef.accueil', { action: 'reject', comment: 'Préciser les horaires relevés' })).status).toBe(200);
    const rejected = await eventually(
      'le courriel du renvoi',
      () => sql(`select data->>'to' as "to" from pgboss.job where name = 'workflow-mail' and data->>'subject' like ? and data->>'text' like ?`, ['%Renvoyé%', `%${doc.documentId}%`]),
      (rows) => rows.length > 0,
    );
    expect(rejected.map((r) => r.to)).toEqual(['agent.accueil@demo.local']);
  });

  it('relays a row another instance left behind (stopped before its relay ran), once', async () => {
    const documentId = 'outboxleftbehind';
    const mail = { to: 'chef.accueil@demo.local', subject: '[Charte d’accueil] Reprise', text: `Reprise de ${documentId}` };
    await sql(`insert into charte_mail_outbox (mails) values (?::jsonb)`, [JSON.stringify([mail])]);
    expect((await eventually('le travail d’envoi de la ligne laissée', () => jobsFor(documentId), (jobs) => jobs.length > 0)).length).toBe(1);
    expect(await outboxFor(documentId)).toEqual([]);
    // A periodic pass later: a second row left behind, relayed only by the next periodic pass (nothing wakes the relay).
    const marker = 'outboxnextpass';
    await sql(`insert into charte_mail_outbox (mails) values (?::jsonb)`, [JSON.stringify([{ ...mail, text: `Passe suivante ${marker}` }])]);
    await eventually('la passe périodique suivante de la boîte d’envoi', () => jobsFor(marker), (jobs) => jobs.length > 0);
    expect((await jobsFor(documentId)).length).toBe(1);
  });
});

describe('e-mails in batches', () => {
  it('retries only the mail that failed: the other recipients of the batch get theirs once', async () => {
    const catcher = await startMailCatcher(smtpPort);
    try {
      catcher.refuse('chef.accueil@demo.local');
      // Approval notifies the author and the service's heads: one of them refused, the other not.
      const docs = await Promise.all([1, 2, 3].map(() => evaluationIn('validated')));
      for (const doc of docs) expect((await transition(doc.documentId, 'dgs', { action: 'approve' })).status).toBe(200);
      for (const doc of docs) await catcher.waitFor((m) => m.text.includes(doc.documentId) && m.to.includes('agent.accueil@demo.local'));
      // Failed attempts for the head: each of their jobs refused once, waiting for its retry.
      for (const doc of docs) {
        await eventually(`un refus pour chef.accueil (${doc.documentId})`, () => mailJobs(sqlOf(app), doc.documentId), (jobs) =>
          jobs.some((j) => j.to === 'chef.accueil@demo.local' && j.state === 'retry'),
        );
      }
      expect(catcher.mails.filter((m) => m.to.includes('chef.accueil@demo.local') && docs.some((d) => m.text.includes(d.documentId)))).toHaveLength(0);
      catcher.accept('chef.accueil@demo.local');
      for (const doc of docs) await catcher.waitFor((m) => m.text.includes(doc.documentId) && m.to.includes('chef.accueil@demo.local'), 60000);
      // Nothing left to send for these documents: what the catcher holds is final.
      for (const doc of docs) await untilMailsSent(sqlOf(app), doc.documentId);
      for (const doc of docs) {
        const forDoc = catcher.mails.filter((m) => m.text.includes(doc.documentId));
        expect(forDoc.map((m) => m.to).sort()).toEqual(['agent.accueil@demo.local', 'chef.accueil@demo.local']);
      }
    } finally {
      await catcher.close();
    }
  });
});

describe('outsiders learn nothing of another service’s documents', () => {
  it('gets 403, not 409 with the last actor, when acting on another service’s document', async () => {
    const doc = await evaluationIn('validated', ids.scolaire.id);
    const res = await transition(doc.documentId, 'chef.accueil', { action: 'reject', comment: 'curiosité' });
    expect(res.status).toBe(403);
    expect(res.body.error.message).not.toMatch(/Déjà traité|état/);
  });

  it('refuses a relation id that is not a positive integer with a 400', async () => {
    for (const service of [1.5, -2, 1e20, { connect: [{ id: 1.5 }] }]) {
      const res = await http(app)
        .post('/api/evaluations')
        .set('Authorization', `Bearer ${jwt['agent.accueil']}`)
        .send({ data: { result: 'partiel', service } });
      expect(res.status).toBe(400);
    }
  });
});

describe('evidence files', () => {
  it('cannot be borrowed from another document', async () => {
    const upload = await http(app)
      .post('/api/upload')
      .set('Authorization', `Bearer ${jwt['chef.scolaire']}`)
      .attach('files', Buffer.from('%PDF-1.4\n%%EOF\n'), { filename: 'confidentiel.pdf', contentType: 'application/pdf' });
    expect(upload.status).toBe(201);
    const fileId = upload.body[0].id;
    const theirs = await evaluationIn('draft', ids.scolaire.id);
    const attach = (documentId: string, who: string) =>
      http(app).put(`/api/evaluations/${documentId}`).set('Authorization', `Bearer ${jwt[who]}`).send({ data: { evidence: [fileId] } });
    expect((await attach(theirs.documentId, 'chef.scolaire')).status).toBe(200);
    const mine = await evaluationIn('draft');
    const res = await attach(mine.documentId, 'agent.accueil');
    expect(res.status).toBe(403);
    const after = await app.db.query(EVALUATION).findOne({ where: { documentId: mine.documentId }, populate: { evidence: true } });
    expect(after.evidence ?? []).toEqual([]);
    // The rule itself, below Strapi's own checks, with its French message.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the compiled module the running cms uses
    const { checkAttachedFiles } = require(path.join(testDistDir(), 'src', 'access', 'media-ownership'));
    await expect(checkAttachedFiles(app, EVALUATION, mine.documentId, { evidence: [fileId] })).rejects.toThrow(/déjà joint à un autre document/);
    await expect(checkAttachedFiles(app, EVALUATION, theirs.documentId, { evidence: [fileId] })).resolves.toBeUndefined();
    expect((await attach(theirs.documentId, 'chef.scolaire')).status).toBe(200); // keeping its own file is fine
  });

  it('are read with the sheet, in every state, by whoever reads it, and by no one else', async () => {
    const upload = await http(app)
      .post('/api/upload')
      .set('Authorization', `Bearer ${jwt['agent.accueil']}`)
      .attach('files', Buffer.from('%PDF-1.4\n%%EOF\n'), { filename: 'registre-courriers.pdf', contentType: 'application/pdf' });
    expect(upload.status).toBe(201);
    const doc = await evaluationIn('draft');
    const put = await http(app).put(`/api/evaluations/${doc.documentId}`).set('Authorization', `Bearer ${jwt['agent.accueil']}`).send({ data: { evidence: [upload.body[0].id] } });
    expect(put.status).toBe(200);
    // The fields the front's fiche page asks for (front/src/lib/documents.ts), nothing wider.
    const read = (who: string, url = `/api/evaluations/${doc.documentId}?${populateQuery('evaluations')}`) => http(app).get(url).set('Authorization', `Bearer ${jwt[who]}`);
    const mismatches: unknown[] = [];
    for (const state of ['draft', 'submitted', 'validated', 'approved']) {
      await app.db.query(EVALUATION).update({ where: { documentId: doc.documentId }, data: { workflowState: state } });
      for (const who of ['agent.accueil', 'chef.accueil', 'qualite', 'dgs']) {
        const res = await read(who);
        const evidence = res.body.data?.evidence?.map((f: { name: string; url: string }) => ({ name: f.name, url: f.url }));
        const expected = [{ name: 'registre-courriers.pdf', url: upload.body[0].url }];
        if (res.status !== 200 || JSON.stringify(evidence) !== JSON.stringify(expected)) mismatches.push({ state, who, status: res.status, evidence });
      }
      // Another service's head: neither the sheet nor, in a list, its file's address.
      const outsider = await read('chef.scolaire');
      if (outsider.status !== 404) mismatches.push({ state, who: 'chef.scolaire', status: outsider.status });
      const list = await read('chef.scolaire', `/api/evaluations?${populateQuery('evaluations')}&pagination[pageSize]=100`);
      if (JSON.stringify(list.body).includes(upload.body[0].url)) mismatches.push({ state, who: 'chef.scolaire', list: 'contient le fichier' });
    }
    expect(mismatches).toEqual([]);
    // Nor through the media library's own routes.
    for (const url of ['/api/upload/files', `/api/upload/files/${upload.body[0].id}`]) expect((await read('chef.scolaire', url)).status).toBe(403);
  });
});
