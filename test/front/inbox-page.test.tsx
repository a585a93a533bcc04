/** @jest-environment jsdom */
import { batchResultSchema, inboxSchema, type Inbox, type InboxItem } from '@charte/contract/schemas';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import InboxPage from '../../front/src/features/workflow/routes/InboxPage';
import { tokenStore } from '../../front/src/lib/api-client';
import { formatWaiting } from '../../front/src/lib/format';
import { labels, renderWithApp, serveApi } from './render';

const approve = { action: 'approve' as const, label: 'Approuver', to: 'approved', commentRequired: false };
const reject = { action: 'reject' as const, label: 'Renvoyer', to: 'draft', commentRequired: true };
const submit = { action: 'submit' as const, label: 'Soumettre', to: 'submitted', commentRequired: false };

function item(documentId: string, title: string, extra: Partial<InboxItem> = {}): InboxItem {
  return {
    collection: 'evaluations',
    type: 'Évaluation',
    documentId,
    title,
    workflowState: 'validated',
    stateLabel: 'Validé',
    service: { documentId: 's1', name: 'Accueil / État civil', slug: 'accueil-etat-civil' },
    updatedAt: '2026-03-01T09:00:00.000Z',
    group: 'to-approve',
    waitingSince: '2026-03-01T09:00:00.000Z',
    waitingDays: 3,
    lastEvent: null,
    actions: [approve, reject],
    ...extra,
  };
}

const group = (name: string, items: InboxItem[], extra = {}) => ({
  name,
  label: labels.inboxGroups[name],
  action: name === 'to-approve' ? ('approve' as const) : ('submit' as const),
  batch: name === 'to-approve',
  count: items.length,
  page: 1,
  pageSize: 20,
  pageCount: items.length ? 1 : 0,
  items,
  ...extra,
});

/** What GET /api/workflow/inbox answers the DGS, held to the contract. */
const dgsInbox: Inbox = inboxSchema.parse({
  groups: [group('to-approve', [item('e1', 'QV-01 — Accueil physique'), item('e2', 'QV-02 — Téléphone', { waitingDays: 1 }), item('e3', 'QV-03 — Courriels', { waitingDays: 0 })], { count: 45, pageCount: 3 })],
  total: 45,
  filters: {
    types: [{ value: 'evaluations', label: 'Évaluation', count: 45 }],
    services: [{ value: 'accueil-etat-civil', label: 'Accueil / État civil', count: 45 }],
  },
  applied: { type: null, service: null, group: null },
});

const agentInbox: Inbox = inboxSchema.parse({
  groups: [
    group('sent-back', [
      item('e9', 'QV-09 — Affichage', {
        workflowState: 'draft',
        stateLabel: 'Brouillon',
        group: 'sent-back',
        waitingDays: 12,
        lastEvent: { action: 'reject', actionLabel: 'Renvoyer', actor: 'chef.accueil', comment: 'Joindre la photo de l’affichage.', at: '2026-03-01T09:00:00.000Z' },
        actions: [submit],
      }),
    ]),
    group('drafts', []),
  ],
  total: 1,
  filters: { types: [{ value: 'evaluations', label: 'Évaluation', count: 1 }], services: [] },
  applied: { type: null, service: null, group: null },
});

/** French typography as the page writes it: a no-break space inside « » and before : ; ? */
const nb = (text: string) => text.replace(/« /g, '«\u00a0').replace(/ ([»:;?])/g, '\u00a0$1').replace(/(\d) (document)/g, '$1\u00a0$2');

beforeEach(() => tokenStore.set('jeton'));
afterEach(() => localStorage.clear());

describe('InboxPage', () => {
  it('shows each group with its count in its heading, its documents longest waiting first, and a link to the rest', async () => {
    serveApi({ 'GET /api/workflow/inbox': () => ({ body: { data: dgsInbox } }) });
    renderWithApp(<InboxPage />, { route: '/a-traiter' });
    const heading = await screen.findByRole('heading', { level: 2, name: 'À approuver (45)' });
    const section = heading.closest('section')!;
    expect(within(section).getAllByRole('link').map((a) => a.textContent)).toEqual(['QV-01 — Accueil physique', 'QV-02 — Téléphone', 'QV-03 — Courriels', nb('Voir les 45 documents du groupe « À approuver »')]);
    expect(within(section).getByRole('link', { name: 'QV-01 — Accueil physique' }).getAttribute('href')).toBe('/a-traiter/evaluations/e1');
    expect(within(section).getByText('depuis 3 jours')).toBeTruthy();
    expect(within(section).getByText('depuis hier')).toBeTruthy();
    expect(within(section).getByText('depuis aujourd’hui')).toBeTruthy();
    expect(screen.getByText('45 documents attendent une action de votre part ; dans chaque groupe, les plus anciens d’abord.')).toBeTruthy();
  });

  it('filters by type and service through the address and the API query', async () => {
    const calls = serveApi({ 'GET /api/workflow/inbox': () => ({ body: { data: dgsInbox } }) });
    const { router } = renderWithApp(<InboxPage />, { route: '/a-traiter' });
    await screen.findByRole('heading', { level: 2, name: 'À approuver (45)' });
    await userEvent.selectOptions(screen.getByLabelText('Type de document'), 'evaluations');
    await waitFor(() => expect(router.state.location.search).toBe('?type=evaluations'));
    await userEvent.selectOptions(screen.getByLabelText('Service'), 'accueil-etat-civil');
    await waitFor(() => expect(calls.map((c) => c.url)).toContain('/api/workflow/inbox?type=evaluations&service=accueil-etat-civil'));
    expect(screen.getByRole('option', { name: 'Évaluation (45)' })).toBeTruthy();
  });

  it('shows a sent-back sheet with who sent it back and their comment', async () => {
    serveApi({ 'GET /api/workflow/inbox': () => ({ body: { data: agentInbox } }) });
    renderWithApp(<InboxPage />, { route: '/a-traiter' });
    await screen.findByRole('heading', { level: 2, name: 'Renvoyés (1)' });
    expect(screen.getByText(/^Retour de chef\.accueil \(Renvoyer\), le /)).toBeTruthy();
    expect(screen.getByText('Joindre la photo de l’affichage.')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 2, name: 'Mes brouillons (0)' })).toBeTruthy();
    expect(screen.getByText('Rien pour le moment.')).toBeTruthy();
    // No batch in a group whose action is not done in batches.
    expect(screen.queryByRole('checkbox')).toBeNull();
  });

  it('approves the selection after a dialog that lists the titles, and reads out the outcome with each refusal', async () => {
    const calls = serveApi({
      'GET /api/workflow/inbox': () => ({ body: { data: dgsInbox } }),
      'POST /api/workflow/batch': () => ({
        body: {
          data: batchResultSchema.parse({
            action: 'approve',
            done: 1,
            failed: 1,
            results: [
              { ok: true, collection: 'evaluations', documentId: 'e1', title: 'QV-01 — Accueil physique', workflowState: 'approved' },
              { ok: false, collection: 'evaluations', documentId: 'e3', title: 'QV-03 — Courriels', status: 409, message: 'Déjà traité par dgs2 (Approuver) : le document est à l’état « Approuvé ».' },
            ],
          }),
        },
      }),
    });
    renderWithApp(<InboxPage />, { route: '/a-traiter' });
    const button = await screen.findByRole('button', { name: 'Approuver la sélection (0)' });
    expect((button as HTMLButtonElement).disabled).toBe(true);
    await userEvent.click(screen.getByRole('checkbox', { name: nb('Sélectionner « QV-01 — Accueil physique » (Accueil / État civil)') }));
    await userEvent.click(screen.getByRole('checkbox', { name: nb('Sélectionner « QV-03 — Courriels » (Accueil / État civil)') }));
    await userEvent.click(screen.getByRole('button', { name: 'Approuver la sélection (2)' }));
    const dialog = screen.getByRole('dialog', { name: nb('Approuver 2 documents ?') });
    expect(within(dialog).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['QV-01 — Accueil physique (Évaluation, Accueil / État civil)', 'QV-03 — Courriels (Évaluation, Accueil / État civil)']);
    // The safe choice has the focus; Escape closes without doing anything.
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Annuler' }));
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);

    await userEvent.click(screen.getByRole('button', { name: 'Approuver la sélection (2)' }));
    await userEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: nb('Confirmer : Approuver (2)') }));
    await screen.findByText('Approuver : c’est fait pour 1 document, maintenant à l’état « Approuvé ».');
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      action: 'approve',
      items: [
        { collection: 'evaluations', documentId: 'e1' },
        { collection: 'evaluations', documentId: 'e3' },
      ],
    });
    const live = screen.getByText('1 document n’a pas été traité :').closest('[aria-live]')!;
    expect(live.getAttribute('aria-live')).toBe('polite');
    expect(within(live as HTMLElement).getByText('QV-03 — Courriels : Déjà traité par dgs2 (Approuver) : le document est à l’état « Approuvé ».')).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});

describe('formatWaiting', () => {
  it.each([
    [0, 'depuis aujourd’hui'],
    [1, 'depuis hier'],
    [3, 'depuis 3 jours'],
    [59, 'depuis 59 jours'],
    [75, 'depuis 2 mois'],
    [800, 'depuis 2 ans'],
  ])('%d days: %s, the number held to its unit by a no-break space', (days, text) => {
    expect(formatWaiting(days)).toBe(text.replace(/(\d) /, '$1\u00a0'));
  });
});
