/** @jest-environment jsdom */
import { historyEventSchema, sessionSchema, workflowDefinitionsSchema } from '@charte/contract/schemas';
import { screen, within } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import { workflowLabels } from '../../cms/src/platform/config/labels';
import { definitionOf, workflows } from '../../cms/src/workflow/definitions';
import { ItemPage } from '../../front/src/app/routes/ItemPage';
import { tokenStore } from '../../front/src/lib/api-client';
import { labels, renderWithApp, serveApi } from './render';

// The fixtures are what the cms answers, held to the contract (definitions built by its own code);
// the document itself is the REST API's (Strapi's generic shape, with the relations the page pins).
const definitions = workflowDefinitionsSchema.parse({ labels: workflowLabels(), workflows: workflows().map(definitionOf) });
const session = sessionSchema.parse({
  user: { id: 7, username: 'chef', email: 'chef@demo.local' },
  role: { type: 'chef-de-service', name: 'Chef de service', readScope: 'own-services', mailAlerts: false },
  services: [{ documentId: 's1', name: 'Accueil / État civil', slug: 'accueil-etat-civil', isHead: true }],
});
const history = [
  historyEventSchema.parse({ action: 'submit', actionLabel: 'Soumettre', from: 'draft', to: 'submitted', actor: 'agent', role: 'agent', comment: null, at: '2026-03-02T09:00:00.000Z' }),
];
const action = {
  documentId: 'a1',
  title: 'Afficher les horaires à l’entrée',
  description: 'Panneau visible depuis la rue.',
  owner: 'Mme Martin',
  priority: 'haute',
  startDate: '2026-03-01',
  dueDate: '2026-06-30',
  status: 'en-cours',
  progress: 40,
  workflowState: 'submitted',
  service: { name: 'Accueil / État civil', slug: 'accueil-etat-civil' },
  criterion: { code: 'QV-07', title: 'Horaires' },
};

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
});
