/** @jest-environment jsdom */
import { currentCharterSchema, sessionSchema, workflowDefinitionsSchema } from '@charte/contract/schemas';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import { workflowLabels } from '../../cms/src/platform/config/labels';
import { definitionOf, workflows } from '../../cms/src/workflow/definitions';
import { CharterManagePage } from '../../front/src/features/charter/routes/CharterManagePage';
import { NewPrinciplePage } from '../../front/src/features/charter/routes/NewPrinciplePage';
import { tokenStore } from '../../front/src/lib/api-client';
import { renderWithApp, serveApi } from './render';

// « Gérer la charte »: the référent drafts, the DGS approves the charter as a whole. Who sees which
// button comes from the definitions the cms builds from config/workflows.yaml.
const definitions = workflowDefinitionsSchema.parse({ labels: workflowLabels(), workflows: workflows().map(definitionOf) });
const sessionOf = (type: string, name: string) =>
  sessionSchema.parse({ user: { id: 3, username: type, name: type, email: `${type}@demo.local` }, role: { type, name, readScope: 'all', mailAlerts: true, auditLog: false, publicReplies: false }, services: [] });
const principle = (documentId: string, title: string, order: number, workflowState: string) => ({
  documentId, title, text: `${title} : texte.`, commitment: null, order, workflowState, updatedAt: '2026-03-02T09:00:00.000Z',
});
const principles = [principle('p1', 'Vous accueillir', 10, 'approved'), principle('p2', 'Vous orienter', 20, 'submitted'), principle('p3', 'Vous répondre', 30, 'submitted'), principle('p4', 'Vous écouter', 40, 'draft')];
const current = currentCharterSchema.parse({
  data: {
    number: 4, createdAt: '2026-02-01T10:00:00.000Z', current: true, label: 'Version 4 du 01/02/2026, approuvée par Dominique Garnier',
    change: { action: 'charter', principleTitle: null, actorName: 'Dominique Garnier' },
    principles: [{ title: 'Vous accueillir', text: 'Vous accueillir : texte.', commitment: null }],
  },
  meta: { town: 'Ville de Val-de-Bièvre' },
});

const api = (type: string, name: string, decision: (init: RequestInit | undefined) => { status?: number; body: unknown } = () => ({ body: { data: { decision: 'charter-approval', version: 5, transitions: [] } } })) =>
  serveApi({
    'GET /api/session': () => ({ body: { data: sessionOf(type, name) } }),
    'GET /api/workflow/definitions': () => ({ body: { data: definitions } }),
    'GET /api/charter-principles': () => ({ body: { data: principles } }),
    'GET /api/public/charter': () => ({ body: current }),
    'POST /api/workflow/decisions/charter-approval': decision,
  });

const manage = () =>
  renderWithApp(
    <Routes>
      <Route path="/charte/gestion" element={<CharterManagePage />} />
    </Routes>,
    { route: '/charte/gestion' },
  );

beforeEach(() => tokenStore.set('jeton'));
afterEach(() => localStorage.clear());

describe('CharterManagePage', () => {
  it('lets the DGS approve the submitted principles they read, all at once, with a comment', async () => {
    const calls = api('dgs', 'DGS');
    manage();
    const panel = (await screen.findByRole('heading', { name: 'Approuver la charte' })).closest('section') as HTMLElement;
    expect(within(panel).getByRole('heading', { name: 'À approuver (2 principes soumis)' })).toBeTruthy();
    expect(await within(panel).findByText('Version 4 du 01/02/2026, approuvée par Dominique Garnier')).toBeTruthy();
    expect(within(panel).getByText(/La version publiée contiendra 3 principes : « Vous accueillir », « Vous orienter », « Vous répondre »\./)).toBeTruthy();
    // Nothing for the DGS to write.
    expect(screen.queryByRole('link', { name: 'Nouveau principe' })).toBeNull();
    fireEvent.change(within(panel).getByLabelText(/Commentaire/), { target: { value: 'Vu en comité de direction' } });
    fireEvent.click(within(panel).getByRole('button', { name: 'Approuver la charte' }));
    expect(await within(panel).findByText(/Charte approuvée : la version 5 est publiée\./)).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ documents: ['p2', 'p3'], comment: 'Vu en comité de direction' });
  });

  it('says in French why a concurrent decision was refused', async () => {
    api('dgs', 'DGS', () => ({ status: 409, body: { error: { message: 'La liste des documents à l’état « Soumis » a changé depuis votre lecture : rechargez la page.' } } }));
    manage();
    fireEvent.click(await screen.findByRole('button', { name: 'Approuver la charte' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/a changé depuis votre lecture/);
  });

  it('gives the référent the principles and a new one, without the decision', async () => {
    api('referent-qualite', 'Référent qualité');
    manage();
    expect(await screen.findByRole('link', { name: 'Nouveau principe' })).toBeTruthy();
    await screen.findByRole('link', { name: 'Vous écouter' });
    expect(screen.queryByRole('heading', { name: 'Approuver la charte' })).toBeNull();
    expect(screen.getByRole('note').textContent).toMatch(/Rouvrir un principe approuvé le remet en brouillon : la charte publiée ne change pas tout de suite/);
  });
});

describe('NewPrinciplePage', () => {
  it('creates a draft principle after the others, with its criteria', async () => {
    const calls = serveApi({
      'GET /api/charter-principles': () => ({ body: { data: principles } }),
      'GET /api/indicators': () => ({ body: { data: [{ documentId: 'i1', code: 'IND-01', name: 'Délai de réponse' }] } }),
      'GET /api/criteria': () => ({ body: { data: [{ documentId: 'c1', code: 'QV-01', title: 'Accueil' }, { documentId: 'c2', code: 'QV-02', title: 'Orientation' }] } }),
      'POST /api/charter-principles': () => ({ status: 201, body: { data: { documentId: 'p9', workflowState: 'draft' } } }),
    });
    const { router } = renderWithApp(
      <Routes>
        <Route path="/charte/principes/nouveau" element={<NewPrinciplePage />} />
        <Route path="/a-traiter/charter-principles/:id" element={<p>Fiche</p>} />
      </Routes>,
      { route: '/charte/principes/nouveau' },
    );
    fireEvent.change(await screen.findByLabelText(/Titre du principe/), { target: { value: 'Vous informer' } });
    fireEvent.change(screen.getByLabelText(/^Texte/), { target: { value: 'Nous publions nos horaires.' } });
    fireEvent.change(screen.getByLabelText(/Engagement mesurable/), { target: { value: 'Horaires à jour sous 48 heures' } });
    expect((screen.getByLabelText(/Ordre dans la charte/) as HTMLInputElement).value).toBe('50');
    fireEvent.change(await screen.findByLabelText(/Indicateur de suivi/), { target: { value: 'i1' } });
    fireEvent.click(await screen.findByLabelText(/QV-02 — Orientation/));
    fireEvent.click(screen.getByRole('button', { name: 'Créer le principe' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/a-traiter/charter-principles/p9'));
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      data: { title: 'Vous informer', text: 'Nous publions nos horaires.', commitment: 'Horaires à jour sous 48 heures', order: 50, indicator: 'i1', criteria: ['c2'] },
    });
  });
});
