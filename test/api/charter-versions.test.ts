import { charterVersionSchema, charterVersionSummarySchema, currentCharterSchema } from '@charte/contract/schemas';
import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import { expectContract } from '../helpers/contract';
import { pdfStructure, pdfText } from '../helpers/pdf-text';
import { http, login, startStrapi, stopStrapi } from '../helpers/strapi';

const PRINCIPLE = 'api::charter-principle.charter-principle';
let app: Core.Strapi;
const jwt: Record<string, string> = {};

beforeAll(async () => {
  app = await startStrapi();
  for (const who of ['qualite', 'dgs']) jwt[who] = await login(app, `${who}@demo.local`);
});
afterAll(() => stopStrapi(app));

const transition = (documentId: string, who: string, body: object) =>
  http(app).post(`/api/workflow/charter-principles/${documentId}/transitions`).set('Authorization', `Bearer ${jwt[who]}`).send(body);

const binary = (res: unknown, done: (err: Error | null, body: Buffer) => void) => {
  const stream = res as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
};


/** The demo's three principles, in charter order. */
async function principles(): Promise<{ documentId: string; title: string }[]> {
  return app.db.query(PRINCIPLE).findMany({ select: ['documentId', 'title'], orderBy: { order: 'asc' }, where: { order: { $lte: 3 } } });
}

const EVENTS = 'api::workflow-event.workflow-event';
const approveCharter = (who: string | null, body: unknown) => {
  const req = http(app).post('/api/workflow/decisions/charter-approval');
  return (who ? req.set('Authorization', `Bearer ${jwt[who]}`) : req).send(body as object);
};
const versionCount = async () => Number((await app.db.connection('charte_charter_versions').count({ n: '*' }).first())?.n ?? 0);
const states = async (ids: string[]) =>
  (await app.db.query(PRINCIPLE).findMany({ select: ['documentId', 'workflowState'], where: { documentId: { $in: ids } } })).map((p: { workflowState: string }) => p.workflowState).sort();
const approvalEvents = async (ids: string[]) => app.db.query(EVENTS).count({ where: { targetUid: PRINCIPLE, targetDocumentId: { $in: ids }, action: 'approve' } });

describe('charter versions', () => {
  let demo: { documentId: string; title: string }[];
  let ids: string[];
  let version1: unknown;

  it('has no version while no principle is approved (the demo charter is still being written)', async () => {
    demo = await principles();
    ids = demo.map((p) => p.documentId);
    expect(demo).toHaveLength(3);
    const current = await http(app).get('/api/public/charter').expect(200);
    expectContract(currentCharterSchema, current.body);
    expect(current.body.data).toBeNull();
    expect((await http(app).get('/api/public/charter/versions').expect(200)).body.data).toEqual([]);
    await http(app).get('/api/public/charter.pdf').expect(404);
  });

  it('refuses to approve one principle alone: the charter is approved as a whole', async () => {
    for (const p of demo) await transition(p.documentId, 'qualite', { action: 'submit' }).expect(200);
    const res = await transition(demo[0].documentId, 'dgs', { action: 'approve' }).expect(409);
    expect(res.body.error.message).toMatch(/ne se prend pas sur un seul document.*Approuver la charte/);
    expect(await states(ids)).toEqual(['submitted', 'submitted', 'submitted']);
    expect(await versionCount()).toBe(0);
  });

  it('refuses the decision to whoever the approve action does not name, and a malformed request, in French, changing nothing', async () => {
    await approveCharter(null, { documents: ids }).expect(401);
    const referent = await approveCharter('qualite', { documents: ids }).expect(403);
    expect(referent.body.error.message).toBe('Votre rôle ne permet pas l’action « Approuver » sur ce type de document.');
    const bad: [unknown, RegExp][] = [
      [{}, /« documents » doit être la liste/],
      [{ documents: 'tous' }, /« documents » doit être la liste/],
      [{ documents: [ids[0], ids[0], ids[1], ids[2]] }, /nommé deux fois/],
      [{ documents: [42] }, /identifiant de document/],
      [{ documents: ids, comment: 12 }, /Le commentaire doit être un texte/],
      [{ documents: ids, publish: true }, /Champ inconnu : publish/],
      [[ids], /Corps de requête attendu/],
    ];
    for (const [body, message] of bad) expect((await approveCharter('dgs', body).expect(400)).body.error.message).toMatch(message);
    await http(app).post('/api/workflow/decisions/tout-approuver').set('Authorization', `Bearer ${jwt.dgs}`).send({ documents: ids }).expect(404);
    // A list that is not the submitted principles (one left out, or an unknown one): 409, nothing written.
    const partial = await approveCharter('dgs', { documents: ids.slice(0, 2) }).expect(409);
    expect(partial.body.error.message).toMatch(/a changé depuis votre lecture.*Rien n’a été enregistré/);
    await approveCharter('dgs', { documents: [...ids, 'zzzzzzzzzzzzzzzzzzzzzzzz'] }).expect(404);
    expect(await states(ids)).toEqual(['submitted', 'submitted', 'submitted']);
    expect(await versionCount()).toBe(0);
    expect(await approvalEvents(ids)).toBe(0);
  });

  it('writes nothing at all when any part of the decision fails (one transaction)', async () => {
    await app.db.connection.raw(`
      create function charte_test_refuse() returns trigger language plpgsql as $$ begin raise exception 'refus de test'; end $$;
      create trigger charte_test_refuse before insert on charte_charter_versions for each row execute function charte_test_refuse();`);
    const auditBefore = Number((await app.db.connection('charte_audit_log').where({ content_type: PRINCIPLE, action: 'transition' }).count({ n: '*' }).first())?.n);
    try {
      await approveCharter('dgs', { documents: ids }).expect(500);
    } finally {
      await app.db.connection.raw('drop trigger charte_test_refuse on charte_charter_versions; drop function charte_test_refuse();');
    }
    expect(await states(ids)).toEqual(['submitted', 'submitted', 'submitted']);
    expect(await approvalEvents(ids)).toBe(0);
    const auditAfter = Number((await app.db.connection('charte_audit_log').where({ content_type: PRINCIPLE, action: 'transition' }).count({ n: '*' }).first())?.n);
    expect(auditAfter).toBe(auditBefore);
  });

  it('approves every submitted principle and publishes exactly one version when two decisions come at once', async () => {
    const comment = 'Validée en comité de direction — note interne';
    const [a, b] = await Promise.all([approveCharter('dgs', { documents: ids, comment }), approveCharter('dgs', { documents: [...ids].reverse() })]);
    const statuses = [a.status, b.status].sort();
    expect(statuses).toEqual([200, 409]);
    const [won, lost] = a.status === 200 ? [a, b] : [b, a];
    expect(lost.body.error.message).toMatch(/Déjà traité par Hélène Marchand \(Approuver\)|a changé depuis votre lecture/);
    expect(won.body.data).toMatchObject({ decision: 'charter-approval', version: 1 });
    expect(won.body.data.transitions.map((t: { workflowState: string }) => t.workflowState)).toEqual(['approved', 'approved', 'approved']);

    expect(await versionCount()).toBe(1);
    expect(await states(ids)).toEqual(['approved', 'approved', 'approved']);
    // Each principle has its history event and its audit entry, as a transition taken alone.
    expect(await approvalEvents(ids)).toBe(3);
    const audit = await app.db.connection('charte_audit_log').where({ content_type: PRINCIPLE, action: 'transition' }).whereIn('document_id', ids).whereRaw("detail->>'action' = 'approve'");
    expect(audit).toHaveLength(3);

    const current = (await http(app).get('/api/public/charter').expect(200)).body.data;
    expect(current).toMatchObject({ number: 1, current: true, change: { action: 'charter', principleTitle: null, actorName: 'Hélène Marchand' } });
    expect(current.principles.map((p: { title: string }) => p.title)).toEqual(demo.map((p) => p.title));
    expect(current.label).toMatch(/^Version 1 du \d{2}\/\d{2}\/\d{4}, approuvée par Hélène Marchand$/);
    // The DGS's comment is an internal note: the public never reads it.
    expect(JSON.stringify(current)).not.toContain('note interne');
    version1 = expectContract(charterVersionSchema, (await http(app).get('/api/public/charter/versions/1').expect(200)).body.data);
  });

  it('refuses a decision with nothing to decide', async () => {
    const res = await approveCharter('dgs', { documents: [] }).expect(409);
    expect(res.body.error.message).toMatch(/Rien à décider/);
    expect(await versionCount()).toBe(1);
  });

  it('keeps the published version when a principle is reopened, and leaves it out of the next decision', async () => {
    await transition(demo[0].documentId, 'dgs', { action: 'reopen' }).expect(400); // comment required: nothing written
    await transition(demo[0].documentId, 'dgs', { action: 'reopen', comment: 'Reformuler l’engagement « orientation »' }).expect(200);
    expect(await versionCount()).toBe(1);
    expect((await http(app).get('/api/public/charter').expect(200)).body.data.principles).toHaveLength(3);

    // Nothing submitted, but the charter would change: the DGS may publish it without the reopened principle.
    await approveCharter('dgs', { documents: [] }).expect(200);
    const reopened = await http(app).get('/api/public/charter').expect(200);
    expectContract(currentCharterSchema, reopened.body);
    expect(reopened.body.data).toMatchObject({ number: 2, change: { action: 'charter', actorName: 'Hélène Marchand' } });
    expect(reopened.body.data.principles.map((p: { title: string }) => p.title)).toEqual([demo[1].title, demo[2].title]);

    // Drafted again, submitted, approved with the charter: version 3 has the three again.
    await transition(demo[0].documentId, 'qualite', { action: 'submit' }).expect(200);
    await approveCharter('dgs', { documents: [demo[0].documentId] }).expect(200);
    const list = expectContract(z.array(charterVersionSummarySchema), (await http(app).get('/api/public/charter/versions').expect(200)).body.data);
    expect(list.map((v: { number: number; current: boolean; principleCount: number }) => [v.number, v.current, v.principleCount])).toEqual([
      [3, true, 3],
      [2, false, 2],
      [1, false, 3],
    ]);
    const again = (await http(app).get('/api/public/charter/versions/1').expect(200)).body.data;
    expect(again).toEqual({ ...(version1 as object), current: false });
  });

  it('does not version a rejection (a submitted principle was never public)', async () => {
    await transition(demo[0].documentId, 'dgs', { action: 'reopen', comment: 'Encore une reprise' }).expect(200);
    await transition(demo[0].documentId, 'qualite', { action: 'submit' }).expect(200);
    await transition(demo[0].documentId, 'dgs', { action: 'reject', comment: 'À revoir' }).expect(200);
    expect((await http(app).get('/api/public/charter').expect(200)).body.data.number).toBe(3);
  });

  it('offers no per-principle approval in the definitions the buttons read', async () => {
    const wf = (await http(app).get('/api/workflow/definitions').set('Authorization', `Bearer ${jwt.dgs}`).expect(200)).body.data.workflows.find(
      (w: { collection: string }) => w.collection === 'charter-principles',
    );
    expect(wf.transitions.filter((t: { together: boolean }) => t.together).map((t: { action: string; from: string }) => `${t.action}@${t.from}`)).toEqual(['approve@submitted']);
  });

  it('refuses to change or delete a version, even in SQL', async () => {
    await expect(app.db.connection('charte_charter_versions').where({ number: 1 }).update({ actor_name: 'quelqu’un' })).rejects.toThrow(/ne se modifient pas/);
    await expect(app.db.connection('charte_charter_versions').where({ number: 1 }).delete()).rejects.toThrow(/ne se modifient pas/);
  });

  it('answers 400 and 404 in French for a wrong version number', async () => {
    expect((await http(app).get('/api/public/charter/versions/abc').expect(400)).body.error.message).toMatch(/entier positif/);
    expect((await http(app).get('/api/public/charter/versions/99').expect(404)).body.error.message).toBe('La charte n’a pas de version 99.');
    await http(app).get('/api/public/charter.pdf?version=0').expect(400);
    await http(app).get('/api/public/charter.pdf?version=99').expect(404);
  });

  it('prints a given version as a PDF, in French, with its date and approval', async () => {
    const res = await http(app).get('/api/public/charter.pdf?version=1').buffer(true).parse(binary).expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''Charte%20d%E2%80%99accueil%20du%20public");
    const { text, pages } = await pdfText(res.body);
    expect(text).toContain('Ville de Val-de-Bièvre');
    expect(text).toContain('Charte d’accueil du public');
    expect(text).toMatch(/Version 1 du \d{2}\/\d{2}\/\d{4}, approuvée par Hélène Marchand/);
    expect(text).toContain('Cette version a été remplacée');
    for (const p of demo) expect(text).toContain(p.title);
    expect(text).toContain('Notre engagement : Réponse aux courriers et courriels sous 15 jours');
    expect(text).toContain(`Page 1 / ${pages}`);
    expect(text).not.toContain('Document de travail');

    const current = await pdfText((await http(app).get('/api/public/charter.pdf').buffer(true).parse(binary).expect(200)).body);
    expect(current.text).toMatch(/Version 3 du/);
    expect(current.text).toContain(demo[0].title);
    expect(current.text).not.toContain('Cette version a été remplacée');
  });

  it('is a tagged PDF (RGAA): a title, a heading per principle and its paragraphs in reading order, the footer left out', async () => {
    const res = await http(app).get('/api/public/charter.pdf?version=1').buffer(true).parse(binary).expect(200);
    const { tagged, tags } = await pdfStructure(res.body);
    expect(tagged).toBe(true);
    expect(tags.filter((t) => t.role === 'H1').map((t) => t.text)).toEqual(['Charte d’accueil du public']);
    expect(tags.filter((t) => t.role === 'H2').map((t) => t.text)).toEqual(demo.map((p, i) => `${i + 1}. ${p.title}`));
    const second = tags.findIndex((t) => t.text === `2. ${demo[1].title}`);
    expect(tags[second + 2]).toEqual({ role: 'P', text: 'Notre engagement : Réponse aux courriers et courriels sous 15 jours' });
    // « Page 1 / 1 » and the footer's line are pagination, not content.
    expect(tags.some((t) => /Page \d+ \//.test(t.text))).toBe(false);
  });
});
