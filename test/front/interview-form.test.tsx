/** @jest-environment jsdom */
import { sessionSchema } from '@charte/contract/schemas';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import { InterviewForm } from '../../front/src/features/interviews/components/InterviewForm';
import { NewInterviewPage } from '../../front/src/features/interviews/routes/NewInterviewPage';
import { tokenStore } from '../../front/src/lib/api-client';
import { renderWithApp, serveApi } from './render';

const sessionOf = (isHead: boolean) =>
  sessionSchema.parse({
    user: { id: 7, username: 'u', name: 'u', email: 'u@demo.local' },
    role: { type: isHead ? 'chef-de-service' : 'agent', name: isHead ? 'Chef de service' : 'Agent', readScope: 'own-services', mailAlerts: false, auditLog: false, publicReplies: false },
    services: [
      { documentId: 's1', name: 'Accueil / État civil', slug: 'accueil-etat-civil', isHead },
      { documentId: 's2', name: 'Scolaire', slug: 'scolaire-periscolaire', isHead: false },
    ],
  });
const common = {
  'GET /api/campaigns': () => ({ body: { data: [{ documentId: 'k1', name: 'Diagnostic 2026' }] } }),
  'GET /api/criteria': () => ({ body: { data: [{ documentId: 'c1', code: 'QV-01', title: 'Accueil' }] } }),
};

beforeEach(() => tokenStore.set('jeton'));
afterEach(() => localStorage.clear());

describe('InterviewForm', () => {
  it('creates an interview in one of the user’s services, notes included for a head of that service', async () => {
    const calls = serveApi({
      ...common,
      'GET /api/session': () => ({ body: { data: sessionOf(true) } }),
      'POST /api/interviews': () => ({ status: 201, body: { data: { documentId: 'n1' } } }),
    });
    const { router } = renderWithApp(
      <Routes>
        <Route path="/entretiens/nouveau" element={<NewInterviewPage />} />
        <Route path="/a-traiter/interviews/:id" element={<p>Fiche</p>} />
      </Routes>,
      { route: '/entretiens/nouveau?service=accueil-etat-civil' },
    );
    await screen.findByRole('option', { name: 'Scolaire' });
    const service = screen.getByLabelText(/^Service/) as HTMLSelectElement;
    // Only the user's services, the one of the page preselected.
    expect([...service.options].map((o) => o.textContent)).toEqual(['Choisissez le service', 'Accueil / État civil', 'Scolaire']);
    await waitFor(() => expect(service.value).toBe('s1'));
    fireEvent.change(await screen.findByLabelText(/Campagne/), { target: { value: 'k1' } });
    fireEvent.change(screen.getByLabelText(/Date de l’entretien/), { target: { value: '2026-03-02T09:30' } });
    fireEvent.change(screen.getByLabelText(/Personnes rencontrées/), { target: { value: 'Mme Martin' } });
    fireEvent.change(screen.getByLabelText(/Mené par/), { target: { value: 'M. Leroy' } });
    fireEvent.change(screen.getByLabelText(/^Notes/), { target: { value: 'Affluence le lundi.' } });
    fireEvent.click(await screen.findByLabelText(/QV-01 — Accueil/));
    fireEvent.click(screen.getByRole('button', { name: 'Créer l’entretien' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/a-traiter/interviews/n1'));
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      data: { service: 's1', campaign: 'k1', date: new Date('2026-03-02T09:30').toISOString(), interviewees: 'Mme Martin', interviewer: 'M. Leroy', criteria: ['c1'], notes: 'Affluence le lundi.' },
    });
  });

  it('offers no notes to whoever may not read them, and an edit sends none (they stay as they are)', async () => {
    const calls = serveApi({ ...common, 'GET /api/session': () => ({ body: { data: sessionOf(false) } }), 'PUT /api/interviews/i1': () => ({ body: { data: {} } }) });
    // As the API answers an agent: no `notes` key at all.
    const interview = {
      documentId: 'i1', workflowState: 'draft', date: '2026-03-02T08:30:00.000Z', interviewees: 'Mme Martin', interviewer: 'M. Leroy',
      service: { documentId: 's1', name: 'Accueil / État civil', slug: 'accueil-etat-civil' }, campaign: null, criteria: [],
    };
    renderWithApp(<InterviewForm interview={interview} />);
    expect((await screen.findByRole('note')).textContent).toBe('Notes : réservées au référent qualité, au DGS et aux chefs du service. Elles ne vous sont pas montrées et restent inchangées.');
    expect(screen.queryByLabelText(/^Notes/)).toBeNull();
    fireEvent.change(screen.getByLabelText(/Mené par/), { target: { value: 'M. Leroy (relu)' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));
    expect(await screen.findByText('Modifications enregistrées.')).toBeTruthy();
    const sent = calls.find((c) => c.method === 'PUT')?.body as { data: Record<string, unknown> };
    expect(sent.data).not.toHaveProperty('notes');
    expect(sent.data).not.toHaveProperty('service');
    expect(sent.data).toMatchObject({ interviewer: 'M. Leroy (relu)', date: '2026-03-02T08:30:00.000Z' });
  });
});
