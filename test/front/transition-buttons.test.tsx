/** @jest-environment jsdom */
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { sessionSchema, transitionResultSchema, workflowDefinitionsSchema } from '@charte/contract/schemas';
import { workflowLabels } from '../../cms/src/platform/config/labels';
import { definitionOf, workflows } from '../../cms/src/workflow/definitions';
import { TransitionButtons } from '../../front/src/features/workflow/components/TransitionButtons';
import { tokenStore } from '../../front/src/lib/api-client';
import { renderWithApp, serveApi } from './render';

// What GET /api/workflow/definitions sends, built by the server's own code from config/ and held to the contract.
const definitions = workflowDefinitionsSchema.parse({ labels: workflowLabels(), workflows: workflows().map(definitionOf) });
const session = (role: string, services: { slug: string; isHead: boolean }[]) => ({
  data: sessionSchema.parse({
    user: { id: 1, username: 'test', name: 'test', email: 't@demo.local' },
    role: { type: role, name: role, readScope: 'own-services', mailAlerts: false, auditLog: false, publicReplies: false },
    services: services.map((s) => ({ ...s, name: s.slug, documentId: s.slug })),
  }),
});

beforeEach(() => tokenStore.set('jeton'));
afterEach(() => localStorage.clear());

describe('TransitionButtons', () => {
  it('shows a head of the service Valider and Renvoyer on a submitted evaluation, nothing else', async () => {
    serveApi({
      'GET /api/workflow/definitions': () => ({ body: { data: definitions } }),
      'GET /api/session': () => ({ body: session('chef-de-service', [{ slug: 'accueil', isHead: true }]) }),
    });
    renderWithApp(<TransitionButtons collection="evaluations" documentId="d1" state="submitted" serviceSlug="accueil" />);
    expect(await screen.findByRole('button', { name: 'Valider' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Renvoyer' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Approuver' })).toBeNull();
  });

  it('shows nothing to a head of another service', async () => {
    serveApi({
      'GET /api/workflow/definitions': () => ({ body: { data: definitions } }),
      'GET /api/session': () => ({ body: session('chef-de-service', [{ slug: 'scolaire', isHead: true }]) }),
    });
    renderWithApp(<TransitionButtons collection="evaluations" documentId="d1" state="submitted" serviceSlug="accueil" />);
    expect(await screen.findByText(/Aucune action ne vous est ouverte/)).toBeTruthy();
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('asks for the comment before a reject and sends it', async () => {
    const calls = serveApi({
      'GET /api/workflow/definitions': () => ({ body: { data: definitions } }),
      'GET /api/session': () => ({ body: session('chef-de-service', [{ slug: 'accueil', isHead: true }]) }),
      'POST /api/workflow/evaluations/d1/transitions': () => ({
        body: {
          data: transitionResultSchema.parse({
            documentId: 'd1',
            workflowState: 'draft',
            previousState: 'submitted',
            action: 'reject',
            event: { id: 1, at: '2026-03-02T09:00:00.000Z', actor: 'test', role: 'chef-de-service', comment: 'Joindre les preuves', changes: null },
          }),
        },
      }),
    });
    renderWithApp(<TransitionButtons collection="evaluations" documentId="d1" state="submitted" serviceSlug="accueil" />);
    await userEvent.click(await screen.findByRole('button', { name: 'Renvoyer' }));
    const confirm = screen.getByRole('button', { name: 'Confirmer : Renvoyer' }) as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);
    const box = screen.getByLabelText(/Commentaire pour « Renvoyer »/);
    expect(document.activeElement).toBe(box);
    await userEvent.type(box, 'Joindre les preuves');
    await userEvent.click(confirm);
    await screen.findByText(/Renvoyer : c’est fait/);
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ action: 'reject', comment: 'Joindre les preuves' });
  });

  it('explains a 409 and refreshes', async () => {
    const calls = serveApi({
      'GET /api/workflow/definitions': () => ({ body: { data: definitions } }),
      'GET /api/session': () => ({ body: session('dgs', []) }),
      'POST /api/workflow/evaluations/d1/transitions': () => ({
        status: 409,
        body: { error: { status: 409, message: 'Déjà traité par dgs2 (Approuver) : le document est maintenant à l’état « Approuvé ».' } },
      }),
    });
    const { client } = renderWithApp(<TransitionButtons collection="evaluations" documentId="d1" state="validated" serviceSlug="accueil" />);
    const invalidate = jest.spyOn(client, 'invalidateQueries');
    await userEvent.click(await screen.findByRole('button', { name: 'Approuver' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/Déjà traité par dgs2 .* L’affichage a été mis à jour\./);
    await waitFor(() => expect(invalidate).toHaveBeenCalledWith({ queryKey: ['workflow', 'history', 'evaluations', 'd1'] }));
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1);
  });
});
