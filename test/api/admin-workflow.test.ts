import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LABELS_ELEMENT_ID } from '@charte/contract';
import {
  adminWorkflowDefinitionsSchema,
  adminWorkflowPanelSchema,
  catalogCampaignSchema,
  modelLabelsSchema,
  progressResponseSchema,
  transitionResultSchema,
} from '@charte/contract/schemas';
import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import { expectContract } from '../helpers/contract';
import { documentIn, demoIds } from '../helpers/fixtures';
import { adminLogin, http, login, startStrapi, stopStrapi } from '../helpers/strapi';

const EVALUATION = 'api::evaluation.evaluation';
const PRINCIPLE = 'api::charter-principle.charter-principle';
const panelPath = (uid: string, documentId: string) => `/charte-admin/workflow/${uid}/${documentId}`;

let app: Core.Strapi;
let ids: Awaited<ReturnType<typeof demoIds>>;
const token: Record<string, string> = {};

/** An admin account whose role is named « Direction générale », mapped to the DGS in config/roles.yaml. */
async function createDirectionAdmin() {
  const roleService = app.service('admin::role');
  const role = await roleService.create({ name: 'Direction générale', description: 'Direction générale des services' });
  const read = [EVALUATION, PRINCIPLE].map((subject) => ({ action: 'plugin::content-manager.explorer.read', subject, properties: {}, conditions: [] }));
  await roleService.assignPermissions(role.id, read);
  await app.service('admin::user').create({
    email: 'direction@demo.local',
    firstname: 'Hélène',
    lastname: 'Moreau',
    password: 'Charte-Accueil-2026',
    isActive: true,
    registrationToken: null,
    roles: [role.id],
  });
}

// A built front of one page, so that the cms serves it (and writes the model map into it).
const frontDir = fs.mkdtempSync(path.join(os.tmpdir(), 'charte-front-'));
fs.writeFileSync(path.join(frontDir, 'index.html'), '<!doctype html>\n<html lang="fr">\n  <head>\n    <title>Charte d’accueil</title>\n  </head>\n  <body><div id="root"></div></body>\n</html>\n');

beforeAll(async () => {
  process.env.CHARTE_FRONT_DIR = frontDir;
  app = await startStrapi();
  ids = await demoIds(app);
  await createDirectionAdmin();
  token.admin = await adminLogin(app, 'admin@demo.local');
  token.editor = await adminLogin(app, 'referentiel@demo.local');
  token.direction = await adminLogin(app, 'direction@demo.local');
});
afterAll(async () => {
  await stopStrapi(app);
  delete process.env.CHARTE_FRONT_DIR;
  fs.rmSync(frontDir, { recursive: true, force: true });
});

const get = (who: string | null, path: string) => {
  const req = http(app).get(path);
  return who ? req.set('Authorization', `Bearer ${token[who]}`) : req;
};
const transition = (who: string | null, uid: string, documentId: string, body: object) => {
  const req = http(app).post(`${panelPath(uid, documentId)}/transitions`);
  return (who ? req.set('Authorization', `Bearer ${token[who]}`) : req).send(body);
};
const evaluationIn = (state: string) =>
  documentIn(app, EVALUATION, state, { serviceId: ids.accueil.id, campaignId: ids.campaign.id, criterionId: ids.criterion.id, authorId: ids.agent.id });
const stateOf = async (documentId: string) => (await app.db.query(EVALUATION).findOne({ where: { documentId } })).workflowState;
const eventsOf = (documentId: string) => app.db.query('api::workflow-event.workflow-event').findMany({ where: { targetDocumentId: documentId }, orderBy: { id: 'asc' } });

describe('workflow side panel (admin)', () => {
  it('shows state, editability, the actions of the mapped role and the history', async () => {
    const draft = await evaluationIn('draft');
    const res = await get('admin', panelPath(EVALUATION, draft.documentId)).expect(200);
    expectContract(adminWorkflowPanelSchema, res.body.data);
    expect(res.body.data).toMatchObject({ state: 'draft', stateLabel: 'Brouillon', editable: true, roles: ['Référent qualité'], history: [] });
    expect(res.body.data.actions).toEqual([{ action: 'submit', label: 'Soumettre', to: 'submitted', commentRequired: false }]);

    // A demo evaluation with replayed history: the panel lists the same events as the REST history.
    const approved = await app.db.query(EVALUATION).findOne({ where: { workflowState: 'approved' } });
    const panel = (await get('admin', panelPath(EVALUATION, approved.documentId)).expect(200)).body.data;
    expect(panel).toMatchObject({ state: 'approved', stateLabel: 'Approuvé', editable: false, actions: [] });
    const events = await eventsOf(approved.documentId);
    expect(panel.history.map((e: { action: string; actor: string }) => [e.action, e.actor])).toEqual(events.map((e: Record<string, string>) => [e.action, e.actorName]));
  });

  it('applies the same rules as the REST API: the super admin acts as référent qualité, outside any service', async () => {
    const draft = await evaluationIn('draft');
    const res = await transition('admin', EVALUATION, draft.documentId, { action: 'submit' }).expect(200);
    expectContract(transitionResultSchema, res.body.data);
    expect(res.body.data).toMatchObject({ workflowState: 'submitted', previousState: 'draft' });
    const [event] = await eventsOf(draft.documentId);
    expect(event).toMatchObject({ action: 'submit', fromState: 'draft', toState: 'submitted', actorName: 'Claire Dubois', role: 'referent-qualite' });

    // Validation belongs to the head of the service: never to an administrator.
    const refused = await transition('admin', EVALUATION, draft.documentId, { action: 'validate' }).expect(403);
    expect(refused.body.error.message).toMatch(/réservée à un chef de ce service|Votre rôle ne permet pas/);
    expect(await stateOf(draft.documentId)).toBe('submitted');
    // Submitting twice: 409 that says who did it.
    const again = await transition('admin', EVALUATION, draft.documentId, { action: 'submit' }).expect(409);
    expect(again.body.error.message).toContain('Déjà traité par Claire Dubois');
  });

  it('lets an admin role mapped to the DGS approve and reopen, with the comment rule', async () => {
    const validated = await evaluationIn('validated');
    const panel = (await get('direction', panelPath(EVALUATION, validated.documentId)).expect(200)).body.data;
    expect(panel.actions.map((a: { action: string }) => a.action).sort()).toEqual(['approve', 'reject']);
    await transition('direction', EVALUATION, validated.documentId, { action: 'approve' }).expect(200);
    const missing = await transition('direction', EVALUATION, validated.documentId, { action: 'reopen' }).expect(400);
    expect(missing.body.error.message).toMatch(/commentaire est obligatoire/);
    expect(await stateOf(validated.documentId)).toBe('approved');
    await transition('direction', EVALUATION, validated.documentId, { action: 'reopen', comment: 'Preuve à compléter' }).expect(200);
    expect(await stateOf(validated.documentId)).toBe('draft');
    const events = await eventsOf(validated.documentId);
    expect(events.map((e: Record<string, string>) => [e.action, e.role, e.actorName, e.comment])).toEqual([
      ['approve', 'dgs', 'Hélène Moreau', null],
      ['reopen', 'dgs', 'Hélène Moreau', 'Preuve à compléter'],
    ]);
  });

  it('refuses what the admin may not read, bad bodies and unknown documents, changing nothing', async () => {
    const draft = await evaluationIn('draft');
    // The référentiel editor has no read permission on evaluations.
    await get('editor', panelPath(EVALUATION, draft.documentId)).expect(403);
    await transition('editor', EVALUATION, draft.documentId, { action: 'submit' }).expect(403);
    await get(null, panelPath(EVALUATION, draft.documentId)).expect(401);
    await transition(null, EVALUATION, draft.documentId, { action: 'submit' }).expect(401);
    await get('admin', panelPath(EVALUATION, 'introuvable0000')).expect(404);
    await get('admin', panelPath('api::service.service', ids.accueil.documentId)).expect(404);
    for (const body of [{ action: 'publish' }, { action: 'submit', extra: 1 }, { action: 'submit', comment: 42 }, { action: ['submit'] }]) {
      const res = await transition('admin', EVALUATION, draft.documentId, body).expect(400);
      expect(res.body.error.message).toMatch(/[éèà]|Action|Champ|commentaire/);
    }
    expect(await stateOf(draft.documentId)).toBe('draft');
    expect(await eventsOf(draft.documentId)).toHaveLength(0);
  });

  it('lets exactly one of a panel transition and a concurrent REST transition win', async () => {
    const draft = await evaluationIn('draft');
    const agent = await login(app, 'agent.accueil@demo.local');
    const results = await Promise.all([
      transition('admin', EVALUATION, draft.documentId, { action: 'submit' }),
      http(app).post(`/api/workflow/evaluations/${draft.documentId}/transitions`).set('Authorization', `Bearer ${agent}`).send({ action: 'submit' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await eventsOf(draft.documentId)).toHaveLength(1);
  });

  it('drives charter principles too (no service), without a per-principle approval: the charter is approved as a whole', async () => {
    const principle = await documentIn(app, PRINCIPLE, 'draft');
    await transition('admin', PRINCIPLE, principle.documentId, { action: 'submit' }).expect(200);
    await transition('admin', PRINCIPLE, principle.documentId, { action: 'approve' }).expect(403);
    // The panel offers the DGS only « Renvoyer »; « Approuver » is the decision on the whole charter (front, « Gérer la charte »).
    const panel = (await get('direction', panelPath(PRINCIPLE, principle.documentId)).expect(200)).body.data;
    expect(panel.actions.map((a: { action: string }) => a.action)).toEqual(['reject']);
    const refused = await transition('direction', PRINCIPLE, principle.documentId, { action: 'approve' }).expect(409);
    expect(refused.body.error.message).toMatch(/Approuver la charte/);
    expect((await app.db.query(PRINCIPLE).findOne({ where: { documentId: principle.documentId } })).workflowState).toBe('submitted');
  });
});

describe('labels and homepage widget', () => {
  it('serves a French label for every enumeration value of the application, without login', async () => {
    const labels = (await get(null, '/charte-admin/labels').expect(200)).body.data as Record<string, string>;
    for (const [uid, type] of Object.entries(app.contentTypes)) {
      if (!uid.startsWith('api::')) continue;
      for (const [field, attribute] of Object.entries(type.attributes as Record<string, { type: string; enum?: string[] }>)) {
        for (const value of attribute.type === 'enumeration' ? (attribute.enum ?? []) : []) expect([uid, field, value, labels[value]]).toEqual([uid, field, value, expect.any(String)]);
      }
    }
    expect(labels).toMatchObject({ draft: 'Brouillon', approved: 'Approuvé', partiel: 'Partiellement conforme', 'a-lancer': 'À lancer' });
  });

  it('gives the progress of every service in the current campaign to admins who read evaluations', async () => {
    const res = await get('admin', '/charte-admin/dashboard/progress').expect(200);
    expectContract(progressResponseSchema, res.body);
    expect(res.body.meta.campaign.name).toBe('Diagnostic initial 2026');
    expect(res.body.data).toHaveLength(4);
    const knex = app.db.connection;
    const total = await knex('evaluations as e')
      .join('evaluations_campaign_lnk as l', 'l.evaluation_id', 'e.id')
      .where('l.campaign_id', ids.campaign.id)
      .count({ n: '*' })
      .first();
    expect(res.body.data.reduce((sum: number, row: { evaluations: { total: number } }) => sum + row.evaluations.total, 0)).toBe(Number(total!.n));
    await get('editor', '/charte-admin/dashboard/progress').expect(403);
    await get(null, '/charte-admin/dashboard/progress').expect(401);
  });

  it('gives the panel its workflow types and the model map, without login for the map, as the contract says', async () => {
    const definitions = expectContract(adminWorkflowDefinitionsSchema, (await get('admin', '/charte-admin/workflow/definitions').expect(200)).body.data);
    expect(definitions.types.map((t) => t.uid)).toContain(EVALUATION);
    const model = expectContract(modelLabelsSchema, (await get(null, '/charte-admin/labels/model').expect(200)).body.data);
    expect(model).toEqual((await get(null, '/api/labels').expect(200)).body.data);
    expect(model.types.evaluation.fields.strengths.label).toBe('Points forts');
  });

  it('lists every campaign with its services for the « Rapports » page, to admins who read evaluations', async () => {
    const catalog = expectContract(z.array(catalogCampaignSchema), (await get('admin', '/charte-admin/reports').expect(200)).body.data);
    expect(catalog.map((c) => c.name)).toContain('Diagnostic initial 2026');
    await get('editor', '/charte-admin/reports').expect(403);
  });
});

describe('the front’s page', () => {
  it('carries the model map for the first paint: what GET /api/labels answers, in a JSON script', async () => {
    const labels = expectContract(modelLabelsSchema, (await get(null, '/api/labels').expect(200)).body.data);
    for (const page of ['/', '/a-traiter/evaluations/abc', '/index.html']) {
      const res = await get(null, page).expect(200);
      expect([page, res.headers['content-type'], res.headers['cache-control']]).toEqual([page, 'text/html; charset=utf-8', 'no-cache']);
      const script = new RegExp(`<script type="application/json" id="${LABELS_ELEMENT_ID}">(.*?)</script>`, 's').exec(res.text);
      expect(script && JSON.parse(script[1])).toEqual(labels);
      expect(res.text.indexOf(script![0])).toBeLessThan(res.text.indexOf('</head>'));
    }
    // Sent gzipped to a browser that says it accepts it (supertest inflates it back).
    const gzipped = await get(null, '/').set('Accept-Encoding', 'gzip').expect(200);
    expect(gzipped.headers['content-encoding']).toBe('gzip');
  });
});
