/** @jest-environment jsdom */
import { historyEventSchema, sessionSchema, workflowDefinitionsSchema } from '@charte/contract/schemas';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import { workflowLabels } from '../../cms/src/platform/config/labels';
import { definitionOf, workflows } from '../../cms/src/workflow/definitions';
import ItemPage from '../../front/src/app/routes/ItemPage';
import { tokenStore } from '../../front/src/lib/api-client';
import { labels, renderWithApp, serveApi } from './render';

// The fixtures are what the cms answers, held to the contract (definitions built by its own code);
// the document itself is the REST API's (Strapi's generic shape, with the relations the page pins).
const definitions = workflowDefinitionsSchema.parse({ labels: workflowLabels(), workflows: workflows().map(definitionOf) });
const session = sessionSchema.parse({
  user: { id: 7, username: 'chef', name: 'chef', email: 'chef@demo.local' },
  role: { type: 'chef-de-service', name: 'Chef de service', readScope: 'own-services', mailAlerts: false, auditLog: false, publicReplies: false },
  services: [{ documentId: 's1', name: 'Accueil / État civil', slug: 'accueil-etat-civil', isHead: true }],
});
const history = [
  historyEventSchema.parse({ action: 'submit', actionLabel: 'Soumettre', from: 'draft', to: 'submitted', actor: 'agent', role: 'agent', comment: null, changes: null, at: '2026-03-02T09:00:00.000Z' }),
];
const action = {
  documentId: 'a1',
  title: 'Afficher les horaires à l’entrée',
  description: 'Panneau visible depuis la rue.',
  owner: 'Mme Martin',
  priority: 'haute',
  startDate: '2026-03-01',
  dueDate: '2026-06-30',
  actionStatus: 'en-cours',
  progress: 40,
  workflowState: 'submitted',
  service: { documentId: 's1', name: 'Accueil / État civil', slug: 'accueil-etat-civil' },
  criterion: { code: 'QV-07', title: 'Horaires' },
};

const page = (collection: string, documentId: string) =>
  renderWithApp(
    <Routes>
      <Route path="/a-traiter/:collection/:documentId" element={<ItemPage />} />
    </Routes>,
    { route: `/a-traiter/${collection}/${documentId}` },
  );

beforeEach(() => tokenStore.set('jeton'));
afterEach(() => localStorage.clear());

describe('ItemPage', () => {
  it('names every field and choice of a roadmap action from the model map', async () => {
    serveApi({
      'GET /api/roadmap-actions/a1': () => ({ body: { data: action } }),
      'GET /api/workflow/definitions': () => ({ body: { data: definitions } }),
      'GET /api/session': () => ({ body: { data: session } }),
      'GET /api/workflow/roadmap-actions/a1/history': () => ({ body: { data: history } }),
    });
    renderWithApp(
      <Routes>
        <Route path="/a-traiter/:collection/:documentId" element={<ItemPage />} />
      </Routes>,
      { route: '/a-traiter/roadmap-actions/a1' },
    );
    expect((await screen.findByRole('heading', { level: 1 })).textContent).toBe('Afficher les horaires à l’entrée');
    const details = document.querySelector('dl.details') as HTMLElement;
    const value = (label: string) => within(details).getByText(label).nextElementSibling?.textContent;
    expect(value(labels.types['roadmap-action'].fields.owner.label)).toBe('Mme Martin');
    // The priority is a choice: its label, not the stored code.
    expect(value('Priorité')).toBe('Haute');
    expect(value('Échéance')).toBe('30 juin 2026');
    expect(screen.getByText(labels.states.submitted).className).toContain('badge');
    expect(await screen.findByRole('button', { name: 'Valider' })).toBeTruthy();
  });

  it('reports progress on an approved action with its own form, and shows what each point changed', async () => {
    const approved = { ...action, workflowState: 'approved' };
    const followUps = [
      ...history,
      historyEventSchema.parse({
        action: 'report', actionLabel: 'Faire le point', from: 'approved', to: 'approved', actor: 'Mme Martin', role: 'chef-de-service',
        comment: 'Devis signé.', changes: { actionStatus: 'en-cours', progress: 40 }, at: '2026-04-02T09:00:00.000Z',
      }),
    ];
    const calls = serveApi({
      'GET /api/roadmap-actions/a1': () => ({ body: { data: approved } }),
      'GET /api/workflow/definitions': () => ({ body: { data: definitions } }),
      'GET /api/session': () => ({ body: { data: session } }),
      'GET /api/workflow/roadmap-actions/a1/history': () => ({ body: { data: followUps } }),
      'POST /api/workflow/roadmap-actions/a1/transitions': () => ({ body: { data: {} } }),
    });
    page('roadmap-actions', 'a1');
    await screen.findByRole('heading', { level: 2, name: 'Faire le point' });
    // The history says what the earlier point set, without a state change that did not happen.
    expect(await screen.findByText('Statut : En cours · Avancement (%) : 40')).toBeTruthy();
    expect(screen.queryByText(/Approuvé → Approuvé/)).toBeNull();
    // Not a bare button among the circuit's: it needs the fields.
    expect(screen.queryByRole('button', { name: 'Faire le point' })).toBeNull();

    fireEvent.change(screen.getByLabelText('Statut'), { target: { value: 'abouti' } });
    // Done is done entirely.
    expect((screen.getByLabelText('Avancement (%)') as HTMLInputElement).value).toBe('100');
    const save = screen.getByRole('button', { name: 'Enregistrer le point' }) as HTMLButtonElement;
    expect(save.disabled).toBe(true);
    fireEvent.change(screen.getByLabelText(/Où en est l’action/), { target: { value: 'Panneau posé.' } });
    fireEvent.click(save);
    await screen.findByText('Point enregistré : abouti, 100 %.');
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ action: 'report', comment: 'Panneau posé.', changes: { actionStatus: 'abouti', progress: 100 } });
  });

  it('lets the service edit a draft action, every field named by the model map', async () => {
    const calls = serveApi({
      'GET /api/roadmap-actions/a1': () => ({ body: { data: { ...action, workflowState: 'draft' } } }),
      'GET /api/workflow/definitions': () => ({ body: { data: definitions } }),
      'GET /api/session': () => ({ body: { data: session } }),
      'GET /api/workflow/roadmap-actions/a1/history': () => ({ body: { data: [] } }),
      'GET /api/criteria': () => ({ body: { data: [{ documentId: 'c7', code: 'QV-07', title: 'Horaires' }] } }),
      'GET /api/charter-principles': () => ({ body: { data: [] } }),
      'PUT /api/roadmap-actions/a1': () => ({ body: { data: {} } }),
    });
    page('roadmap-actions', 'a1');
    await screen.findByRole('heading', { level: 2, name: 'Modifier le brouillon' });
    expect((document.getElementById('action-title') as HTMLInputElement).value).toBe('Afficher les horaires à l’entrée');
    fireEvent.change(screen.getByLabelText('Échéance'), { target: { value: '2026-02-01' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));
    // A due date before the start is caught before anything is sent.
    expect((await screen.findByRole('alert')).textContent).toBe('Échéance : la date doit suivre le début.');
    expect(calls.some((c) => c.method === 'PUT')).toBe(false);
    fireEvent.change(screen.getByLabelText('Échéance'), { target: { value: '2026-09-30' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));
    await screen.findByText('Modifications enregistrées.');
    await waitFor(() => expect(calls.find((c) => c.method === 'PUT')?.body).toMatchObject({ data: { dueDate: '2026-09-30', service: 's1', actionStatus: 'en-cours', progress: 40 } }));
  });
});
