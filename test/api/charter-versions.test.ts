import { charterVersionSchema, charterVersionSummarySchema, currentCharterSchema } from '@charte/contract/schemas';
import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import { expectContract } from '../helpers/contract';
import { pdfText } from '../helpers/pdf-text';
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

describe('charter versions', () => {
  let demo: { documentId: string; title: string }[];
  let version1: unknown;

  it('has no version while no principle is approved (the demo charter is still being written)', async () => {
    demo = await principles();
    expect(demo).toHaveLength(3);
    const current = await http(app).get('/api/public/charter').expect(200);
    expectContract(currentCharterSchema, current.body);
    expect(current.body.data).toBeNull();
    expect((await http(app).get('/api/public/charter/versions').expect(200)).body.data).toEqual([]);
    await http(app).get('/api/public/charter.pdf').expect(404);
  });

  it('makes version 1 when the DGS approves a principle, credited to the DGS, readable without login', async () => {
    for (const p of demo) await transition(p.documentId, 'qualite', { action: 'submit' }).expect(200);
    await transition(demo[1].documentId, 'dgs', { action: 'approve' }).expect(200);
    const current = (await http(app).get('/api/public/charter').expect(200)).body.data;
    expect(current).toMatchObject({ number: 1, current: true, change: { action: 'approve', principleTitle: demo[1].title, actorName: 'Hélène Marchand' } });
    expect(current.principles.map((p: { title: string }) => p.title)).toEqual([demo[1].title]);
    expect(current.label).toMatch(/^Version 1 du \d{2}\/\d{2}\/\d{4}, approuvée par Hélène Marchand$/);
    version1 = expectContract(charterVersionSchema, (await http(app).get('/api/public/charter/versions/1').expect(200)).body.data);
  });

  it('makes version n+1 at each approval, principles in charter order', async () => {
    await transition(demo[0].documentId, 'dgs', { action: 'approve' }).expect(200);
    await transition(demo[2].documentId, 'dgs', { action: 'approve' }).expect(200);
    const current = (await http(app).get('/api/public/charter').expect(200)).body.data;
    expect(current.number).toBe(3);
    expect(current.principles.map((p: { title: string }) => p.title)).toEqual(demo.map((p) => p.title));
  });

  it('makes a new version without a reopened principle, and keeps older versions unchanged', async () => {
    await transition(demo[0].documentId, 'dgs', { action: 'reopen' }).expect(400); // comment required: nothing written
    expect((await http(app).get('/api/public/charter/versions').expect(200)).body.data).toHaveLength(3);
    await transition(demo[0].documentId, 'dgs', { action: 'reopen', comment: 'Reformuler l’engagement « orientation » — note interne' }).expect(200);
    const reopened = await http(app).get('/api/public/charter').expect(200);
    expectContract(currentCharterSchema, reopened.body);
    const current = reopened.body.data;
    expect(current).toMatchObject({ number: 4, change: { action: 'reopen', principleTitle: demo[0].title, actorName: 'Hélène Marchand' } });
    expect(current.label).toMatch(/^Version 4 du .*après réouverture d’un principe par Hélène Marchand$/);
    expect(current.principles.map((p: { title: string }) => p.title)).toEqual([demo[1].title, demo[2].title]);
    // The DGS's comment is an internal note: the public never reads it.
    expect(JSON.stringify(current)).not.toContain('note interne');

    const list = expectContract(z.array(charterVersionSummarySchema), (await http(app).get('/api/public/charter/versions').expect(200)).body.data);
    expect(list.map((v: { number: number; current: boolean; principleCount: number }) => [v.number, v.current, v.principleCount])).toEqual([
      [4, true, 2],
      [3, false, 3],
      [2, false, 2],
      [1, false, 1],
    ]);
    const again = (await http(app).get('/api/public/charter/versions/1').expect(200)).body.data;
    expect(again).toEqual({ ...(version1 as object), current: false });
  });

  it('does not version a rejection (a submitted principle was never public)', async () => {
    await transition(demo[0].documentId, 'qualite', { action: 'submit' }).expect(200);
    await transition(demo[0].documentId, 'dgs', { action: 'reject', comment: 'À revoir' }).expect(200);
    expect((await http(app).get('/api/public/charter').expect(200)).body.data.number).toBe(4);
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
    const res = await http(app).get('/api/public/charter.pdf?version=3').buffer(true).parse(binary).expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''Charte%20d%E2%80%99accueil%20du%20public");
    const { text, pages } = await pdfText(res.body);
    expect(text).toContain('Ville de Val-de-Bièvre');
    expect(text).toContain('Charte d’accueil du public');
    expect(text).toMatch(/Version 3 du \d{2}\/\d{2}\/\d{4}, approuvée par Hélène Marchand/);
    expect(text).toContain('Cette version a été remplacée');
    for (const p of demo) expect(text).toContain(p.title);
    expect(text).toContain('Notre engagement : Réponse aux courriers et courriels sous 15 jours');
    expect(text).toContain(`Page 1 / ${pages}`);
    expect(text).not.toContain('Document de travail');

    const current = await pdfText((await http(app).get('/api/public/charter.pdf').buffer(true).parse(binary).expect(200)).body);
    expect(current.text).toMatch(/Version 4 du/);
    expect(current.text).not.toContain(demo[0].title);
    expect(current.text).not.toContain('Cette version a été remplacée');
  });
});
