/** @jest-environment jsdom */
import { evidenceListSchema, historyEventSchema, sessionSchema, transitionResultSchema, workflowDefinitionsSchema } from '@charte/contract/schemas';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import { workflowLabels } from '../../cms/src/platform/config/labels';
import { definitionOf, workflows } from '../../cms/src/workflow/definitions';
import ItemPage from '../../front/src/app/routes/ItemPage';
import { tokenStore } from '../../front/src/lib/api-client';
import { renderWithApp, serveApi } from './render';

// The evaluation's page (« À traiter » › a sheet) as each reader meets it. Fixtures are what the cms
// answers, held to the contract; the sheet is the REST API's, with the relations the page pins.
const definitions = workflowDefinitionsSchema.parse({ labels: workflowLabels(), workflows: workflows().map(definitionOf) });
const sessionOf = (role: string, isHead: boolean | null) =>
  sessionSchema.parse({
    user: { id: 7, username: 'test', name: 'test', email: 'test@demo.local' },
    role: { type: role, name: role, readScope: isHead === null ? 'all' : 'own-services', mailAlerts: false, auditLog: false, publicReplies: false },
    services: isHead === null ? [] : [{ documentId: 's1', name: 'Accueil / État civil', slug: 'accueil-etat-civil', isHead }],
  });
const evidence = [
  { id: 31, name: 'registre-courriers.pdf', url: '/uploads/registre_courriers_a1b2c3.pdf', mime: 'application/pdf', size: 240.5 },
  { id: 32, name: 'affichage-horaires.jpg', url: '/uploads/affichage_horaires_d4e5f6.jpg', mime: 'image/jpeg', size: 1830 },
];
const sheet = (workflowState: string, files = evidence) => ({
  documentId: 'e1',
  workflowState,
  result: 'partiel',
  findings: 'Registre tenu, délais non suivis.',
  strengths: null,
  gaps: null,
  recommendation: null,
  prefilled: false,
  evidence: files,
  service: { name: 'Accueil / État civil', slug: 'accueil-etat-civil' },
  campaign: { name: 'Diagnostic initial 2026' },
  criterion: { code: 'QV-17', title: 'Répondre aux courriers', description: null, guidance: null, expectedEvidence: null },
});
const history = [historyEventSchema.parse({ action: 'submit', actionLabel: 'Soumettre', from: 'draft', to: 'submitted', actor: 'agent', role: 'agent', comment: null, changes: null, at: '2026-03-02T09:00:00.000Z' })];
const submitted = transitionResultSchema.parse({
  documentId: 'e1',
  workflowState: 'submitted',
  previousState: 'draft',
  action: 'submit',
  event: { id: 9, at: '2026-03-02T09:00:00.000Z', actor: 'agent', role: 'agent', comment: null, changes: null },
});

function serveSheet(doc: () => ReturnType<typeof sheet>, session: ReturnType<typeof sessionOf>, more: Parameters<typeof serveApi>[0] = {}) {
  return serveApi({
    'GET /api/evaluations/e1': () => ({ body: { data: doc() } }),
    'GET /api/workflow/definitions': () => ({ body: { data: definitions } }),
    'GET /api/session': () => ({ body: { data: session } }),
    'GET /api/workflow/evaluations/e1/history': () => ({ body: { data: history } }),
    ...more,
  });
}

const renderSheet = () =>
  renderWithApp(
    <Routes>
      <Route path="/a-traiter/:collection/:documentId" element={<ItemPage />} />
      <Route path="/a-traiter" element={<h1>À traiter</h1>} />
    </Routes>,
    { route: '/a-traiter/evaluations/e1' },
  );

beforeEach(() => tokenStore.set('jeton'));
afterEach(() => localStorage.clear());

describe('the evidence of a sheet that is no longer a draft', () => {
  it.each([
    ['submitted', 'the head of the service', sessionOf('chef-de-service', true)],
    ['validated', 'the DGS', sessionOf('dgs', null)],
    ['approved', 'the agent who wrote it', sessionOf('agent', false)],
    // Not editable by the DGS even in draft: read-only, evidence included.
    ['draft', 'the DGS', sessionOf('dgs', null)],
  ])('is listed, with download links, on a %s sheet read by %s', async (state, _who, session) => {
    serveSheet(() => sheet(state), session);
    renderSheet();
    const section = await screen.findByRole('region', { name: 'Preuves jointes' });
    expect(screen.queryByRole('heading', { name: 'Modifier le brouillon' })).toBeNull();
    const pdf = within(section).getByRole('link', { name: 'registre-courriers.pdf' });
    expect(pdf.getAttribute('href')).toBe('/uploads/registre_courriers_a1b2c3.pdf');
    // Saved under the name it was sent with, not the stored one.
    expect(pdf.getAttribute('download')).toBe('registre-courriers.pdf');
    expect(section.textContent).toContain('registre-courriers.pdf (PDF, 241 ko)');
    expect(section.textContent).toContain('affichage-horaires.jpg (JPG, 1,8 Mo)');
    // Read-only: nothing to remove.
    expect(within(section).queryByRole('button')).toBeNull();
  });

  it('says so when none was joined', async () => {
    serveSheet(() => sheet('submitted', []), sessionOf('chef-de-service', true));
    renderSheet();
    const section = await screen.findByRole('region', { name: 'Preuves jointes' });
    expect(section.textContent).toContain('Aucune preuve jointe.');
  });
});

describe('a piece’s validity and versions', () => {
  const pieces = evidenceListSchema.parse({
    data: [
      {
        fileId: 31,
        name: 'registre-courriers.pdf',
        url: '/uploads/registre_courriers_a1b2c3.pdf',
        title: 'Registre des courriers',
        owner: { id: 12, name: 'Julie Moreau' },
        validUntil: '2026-06-30',
        status: 'expired',
        versions: [
          { version: 2, fileId: 31, name: 'registre-courriers.pdf', url: '/uploads/registre_courriers_a1b2c3.pdf', addedAt: '2026-03-02T09:00:00.000Z', addedBy: 'Julie Moreau' },
          { version: 1, fileId: 20, name: 'registre-2025.pdf', url: '/uploads/registre_2025_x9.pdf', addedAt: '2025-03-02T09:00:00.000Z', addedBy: null },
        ],
      },
    ],
  });

  it('says until when each file holds and who owns it, and keeps older versions to download; a reader only reads', async () => {
    const calls = serveSheet(() => sheet('approved'), sessionOf('dgs', null), { 'GET /api/evidence': () => ({ body: pieces }) });
    renderSheet();
    const section = await screen.findByRole('region', { name: 'Preuves jointes' });
    await within(section).findByText(/valable jusqu’au 30 juin 2026 \(échue\) — responsable : Julie Moreau — 2 versions/);
    const older = within(section).getByRole('link', { name: 'n° 1 : registre-2025.pdf' });
    expect(older.getAttribute('href')).toBe('/uploads/registre_2025_x9.pdf');
    expect(calls.some((c) => c.url === '/api/evidence?type=evaluation&documentId=e1')).toBe(true);
    // The DGS reads pieces without writing them (config/evidence.yaml writers).
    expect(within(section).queryByRole('button')).toBeNull();
    expect(within(section).queryByLabelText('Déposer une nouvelle version')).toBeNull();
  });

  it('lets a writer renew it', async () => {
    const writer = sessionSchema.parse({ ...sessionOf('agent', false), role: { ...sessionOf('agent', false).role, evidenceWriter: true } });
    serveSheet(() => sheet('approved'), writer, { 'GET /api/evidence': () => ({ body: pieces }) });
    renderSheet();
    const section = await screen.findByRole('region', { name: 'Preuves jointes' });
    await within(section).findByText(/responsable : Julie Moreau/);
    expect(within(section).getByLabelText('Déposer une nouvelle version')).toBeTruthy();
    expect(within(section).getByRole('button', { name: 'Enregistrer la date' })).toBeTruthy();
  });
});

describe('typing, then a workflow action', () => {
  it('saves what was typed before submitting, so the submitted sheet is the one on screen', async () => {
    let stored = sheet('draft');
    const calls = serveSheet(() => stored, sessionOf('agent', false), {
      'PUT /api/evaluations/e1': (init) => {
        stored = { ...stored, ...JSON.parse(String(init?.body)).data };
        return { body: { data: stored } };
      },
      'POST /api/workflow/evaluations/e1/transitions': () => {
        stored = { ...stored, workflowState: 'submitted' };
        return { body: { data: submitted } };
      },
    });
    renderSheet();
    const findings = (await screen.findByLabelText('Constats')) as HTMLTextAreaElement;
    await userEvent.clear(findings);
    await userEvent.type(findings, 'Registre tenu et délais suivis chaque mois.');
    await userEvent.click(screen.getByRole('button', { name: 'Soumettre' }));
    await screen.findByText('Soumettre : c’est fait. Nouvel état : Soumis.');
    const writes = calls.filter((c) => c.method !== 'GET');
    expect(writes.map((c) => `${c.method} ${c.url.split('?')[0]}`)).toEqual(['PUT /api/evaluations/e1', 'POST /api/workflow/evaluations/e1/transitions']);
    expect(writes[0].body).toEqual({ data: expect.objectContaining({ findings: 'Registre tenu et délais suivis chaque mois.', result: 'partiel' }) });
    // Now read-only, with what was typed.
    expect(await screen.findByText('Registre tenu et délais suivis chaque mois.')).toBeTruthy();
  });

  it('does not submit when the save is refused, and says why in French', async () => {
    const calls = serveSheet(() => sheet('draft'), sessionOf('agent', false), {
      'PUT /api/evaluations/e1': () => ({ status: 400, body: { error: { status: 400, message: 'Le texte des constats dépasse 20 000 caractères.' } } }),
    });
    renderSheet();
    await userEvent.type(await screen.findByLabelText('Constats'), ' Et encore.');
    await userEvent.click(screen.getByRole('button', { name: 'Soumettre' }));
    const alerts = await screen.findAllByRole('alert');
    expect(alerts.map((a) => a.textContent).join(' ')).toContain('Vos modifications n’ont pas pu être enregistrées (Le texte des constats dépasse 20 000 caractères.) : « Soumettre » n’a pas été fait.');
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
  });

  it('goes straight to the action when nothing is left to save', async () => {
    const calls = serveSheet(() => sheet('draft'), sessionOf('agent', false), {
      'POST /api/workflow/evaluations/e1/transitions': () => ({ body: { data: submitted } }),
    });
    renderSheet();
    await userEvent.click(await screen.findByRole('button', { name: 'Soumettre' }));
    await screen.findByText(/Soumettre : c’est fait/);
    expect(calls.filter((c) => c.method !== 'GET').map((c) => c.method)).toEqual(['POST']);
  });
});

describe('leaving a sheet with unsaved changes', () => {
  it('asks first, in French, and stays or leaves as told', async () => {
    serveSheet(() => sheet('draft'), sessionOf('agent', false));
    const { router } = renderSheet();
    await userEvent.type(await screen.findByLabelText('Constats'), ' Ajout non enregistré.');
    await userEvent.click(screen.getByRole('link', { name: 'À traiter' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Modifications non enregistrées' });
    expect(dialog.textContent).toContain('ces modifications seront perdues');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Rester sur la page' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(router.state.location.pathname).toBe('/a-traiter/evaluations/e1');
    expect((screen.getByLabelText('Constats') as HTMLTextAreaElement).value).toContain('Ajout non enregistré.');

    await userEvent.click(screen.getByRole('link', { name: 'À traiter' }));
    await userEvent.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Quitter sans enregistrer' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/a-traiter'));
  });

  it('has the browser warn before the tab is closed or reloaded, and only then', async () => {
    serveSheet(() => sheet('draft'), sessionOf('agent', false));
    renderSheet();
    const findings = await screen.findByLabelText('Constats');
    const unload = () => {
      const event = new Event('beforeunload', { cancelable: true });
      window.dispatchEvent(event);
      return event.defaultPrevented;
    };
    expect(unload()).toBe(false);
    await userEvent.type(findings, ' x');
    expect(unload()).toBe(true);
    await userEvent.type(findings, '{Backspace}{Backspace}');
    expect(unload()).toBe(false);
  });

  it('lets a saved form go without asking', async () => {
    let stored = sheet('draft');
    serveSheet(() => stored, sessionOf('agent', false), {
      'PUT /api/evaluations/e1': (init) => {
        stored = { ...stored, ...JSON.parse(String(init?.body)).data };
        return { body: { data: stored } };
      },
    });
    const { router } = renderSheet();
    await userEvent.type(await screen.findByLabelText('Constats'), ' Ajout.');
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));
    await screen.findByText('Modifications enregistrées.');
    await userEvent.click(screen.getByRole('link', { name: 'À traiter' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/a-traiter'));
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });
});
