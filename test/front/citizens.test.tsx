/** @jest-environment jsdom */
import { complaintFollowUpSchema, legalNoticeSchema, submissionReceiptSchema } from '@charte/contract/schemas';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import { backupRetentionText, legalNotice } from '../../cms/src/legal/legal-notice';
import { Layout } from '../../front/src/app/Layout';
import FollowUpPage from '../../front/src/features/complaints/routes/FollowUpPage';
import PublicComplaintPage from '../../front/src/features/complaints/routes/PublicComplaintPage';
import LegalNoticePage from '../../front/src/features/legal/routes/LegalNoticePage';
import PrivacyPage from '../../front/src/features/legal/routes/PrivacyPage';
import { renderWithApp, serveApi } from './render';

// The cms's own reading of config/legal.yaml, held to the contract: the pages show what the server serves.
const legal = legalNoticeSchema.parse(legalNotice());
const NOT_FOUND = 'Aucune demande ne correspond à ce numéro et à ce code de suivi. Vérifiez-les dans votre accusé de réception ou sur l’écran de confirmation.';
const CODE = 'AbCdEfGhIjKlMnOpQrStUv_-';

const followUp = (extra: Record<string, unknown> = {}) =>
  complaintFollowUpSchema.parse({
    reference: 'REC-2026-00042',
    kind: 'reclamation',
    receivedAt: '2026-03-02',
    dueDate: '2026-03-17',
    status: 'received',
    service: null,
    answeredAt: null,
    answer: null,
    ...extra,
  });

/** A follow-up endpoint that knows one request, REC-2026-00042 with CODE. */
function serveFollowUp(found: ReturnType<typeof followUp>) {
  return serveApi({
    'POST /api/public/complaints/follow-up': (init) => {
      const { reference, code } = JSON.parse(String(init?.body));
      return reference === found.reference && code === CODE ? { body: { data: found } } : { status: 404, body: { data: null, error: { status: 404, message: NOT_FOUND } } };
    },
    'GET /api/legal': () => ({ body: { data: legal } }),
  });
}

afterEach(() => localStorage.clear());

describe('Suivre ma demande', () => {
  it('opens on the link of the receipt (reference and code after #) and sends them in the body, never in the address', async () => {
    const calls = serveFollowUp(followUp());
    renderWithApp(<FollowUpPage />, { route: `/reclamation/suivi#reference=REC-2026-00042&code=${CODE}` });
    // The loading message is a status too: the answer is the status that holds the request's heading.
    const status = (await screen.findByRole('heading', { name: 'Réclamation REC-2026-00042' })).closest<HTMLElement>('[role="status"]')!;
    expect(status.textContent).toContain('Reçue le 2 mars 2026.');
    expect(status.textContent).toContain('En attente de transmission au service concerné.');
    expect(status.textContent).toContain('Réponse attendue au plus tard le 17 mars 2026.');
    const call = calls.find((c) => c.url.includes('follow-up'))!;
    expect(call.url).toBe('/api/public/complaints/follow-up');
    expect(call.method).toBe('POST');
    expect(call.body).toEqual({ reference: 'REC-2026-00042', code: CODE });
  });

  it('shows the service, the answer date and the answer once answered', async () => {
    serveFollowUp(followUp({ status: 'answered', service: 'Accueil / État civil', answeredAt: '2026-03-10', answer: 'Les horaires affichés ont été corrigés.\nMerci.' }));
    renderWithApp(<FollowUpPage />);
    await userEvent.type(screen.getByLabelText('Numéro de la demande'), 'REC-2026-00042');
    await userEvent.type(screen.getByLabelText('Code de suivi'), CODE);
    await userEvent.click(screen.getByRole('button', { name: 'Voir où en est ma demande' }));
    const status = (await screen.findByRole('heading', { name: 'Réclamation REC-2026-00042' })).closest<HTMLElement>('[role="status"]')!;
    expect(status.textContent).toContain('Transmise au service « Accueil / État civil ».');
    expect(status.textContent).toContain('Réponse envoyée le 10 mars 2026.');
    expect(within(status).getByRole('heading', { name: 'Suite donnée à votre demande' })).toBeTruthy();
    expect(status.textContent).toContain('Les horaires affichés ont été corrigés.');
  });

  it('says in French that nothing matches a wrong code, and asks for both fields', async () => {
    serveFollowUp(followUp());
    renderWithApp(<FollowUpPage />);
    await userEvent.click(screen.getByRole('button', { name: 'Voir où en est ma demande' }));
    expect(screen.getByText('Indiquez le numéro de votre demande (il commence par REC-).')).toBeTruthy();
    expect(screen.getByLabelText('Numéro de la demande').getAttribute('aria-invalid')).toBe('true');
    await userEvent.type(screen.getByLabelText('Numéro de la demande'), 'REC-2026-00042');
    await userEvent.type(screen.getByLabelText('Code de suivi'), 'mauvais-code');
    await userEvent.click(screen.getByRole('button', { name: 'Voir où en est ma demande' }));
    expect((await screen.findByRole('alert')).textContent).toBe(NOT_FOUND);
    expect(screen.queryByRole('status')).toBeNull();
  });
});

describe('formulaire de réclamation', () => {
  it('shows the RGPD notice beside the fields, takes no address if none is given, and gives the reference, the code and a link to keep', async () => {
    const receipt = submissionReceiptSchema.parse({ reference: 'REC-2026-00043', receivedAt: '2026-03-02', dueDate: '2026-03-17', deadlineDays: 15, followUpCode: CODE });
    const calls = serveApi({
      'GET /api/legal': () => ({ body: { data: legal } }),
      'GET /api/public/complaints/services': () => ({ body: { data: [{ slug: 'accueil-etat-civil', name: 'Accueil / État civil' }] } }),
      'POST /api/public/complaints': () => ({ status: 201, body: { data: receipt } }),
    });
    renderWithApp(<PublicComplaintPage />, { route: '/reclamation' });
    const notice = await screen.findByText(legal.treatments.complaint.notice);
    expect(notice.closest('form')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'En savoir plus sur vos données et vos droits' }).getAttribute('href')).toBe('/confidentialite');
    expect(screen.getByLabelText('Votre adresse électronique')).toBeTruthy();

    await userEvent.click(screen.getByLabelText('Une suggestion (une idée d’amélioration)'));
    await userEvent.type(screen.getByLabelText('Objet *'), 'Horaires du samedi');
    await userEvent.type(screen.getByLabelText('Votre message *'), 'Ouvrir la mairie le samedi matin.');
    await screen.findByRole('option', { name: 'Accueil / État civil' });
    await userEvent.selectOptions(screen.getByLabelText('Service concerné'), 'accueil-etat-civil');
    await userEvent.click(screen.getByRole('button', { name: 'Envoyer ma demande' }));

    await screen.findByText('Votre demande a bien été enregistrée. Merci.');
    const sent = calls.find((c) => c.method === 'POST')!.body as { data: Record<string, string> };
    expect(sent.data).toMatchObject({ kind: 'suggestion', service: 'accueil-etat-civil', contactEmail: '' });
    expect(screen.queryByText(/Un accusé de réception vous est envoyé/)).toBeNull();
    expect(screen.getByText(CODE).tagName).toBe('CODE');
    const link = screen.getByLabelText('Lien de suivi') as HTMLInputElement;
    expect(link.value).toBe(`${window.location.origin}/reclamation/suivi#reference=REC-2026-00043&code=${CODE}`);
    expect(screen.getByRole('button', { name: 'Copier le lien' })).toBeTruthy();
    expect(screen.getByText(/Gardez ce lien ou ce code/)).toBeTruthy();
  });
});

describe('pages légales', () => {
  it('« Mentions légales » names the publisher, the director of publication and the host, and says the values are the demo town’s', async () => {
    serveApi({ 'GET /api/legal': () => ({ body: { data: legal } }) });
    renderWithApp(<LegalNoticePage />, { route: '/mentions-legales' });
    await screen.findByRole('heading', { name: 'Éditeur du site' });
    expect(screen.getByText(/Ville de démonstration :/)).toBeTruthy();
    for (const heading of ['Directeur ou directrice de la publication', 'Hébergeur', 'Données personnelles', 'Cookies et stockage local']) {
      expect(screen.getByRole('heading', { name: heading })).toBeTruthy();
    }
    expect(screen.getByText(legal.publicationDirector)).toBeTruthy();
    expect(document.body.textContent).toContain(legal.host.name);
    expect(screen.getByRole('link', { name: 'politique de confidentialité' }).getAttribute('href')).toBe('/confidentialite');
  });

  it('« Politique de confidentialité » gives each form’s purposes, basis, recipients and retention, the five rights, the DPO and the CNIL', async () => {
    serveApi({ 'GET /api/legal': () => ({ body: { data: legal } }) });
    renderWithApp(<PrivacyPage />, { route: '/confidentialite' });
    await screen.findByRole('heading', { name: 'Responsable des traitements' });
    for (const treatment of Object.values(legal.treatments)) {
      const article = screen.getByRole('heading', { name: treatment.title }).closest('article')!;
      for (const term of ['Pourquoi', 'Quelles informations', 'Base légale', 'Qui les lit', 'Combien de temps']) expect(within(article).getByText(term)).toBeTruthy();
      expect(article.textContent).toContain(treatment.retention);
      expect(article.textContent).toContain(backupRetentionText({ daily: 7, weekly: 5, monthly: 12 }));
    }
    const rights = screen.getByRole('heading', { name: 'Vos droits' }).nextElementSibling!;
    expect(within(rights as HTMLElement).getAllByRole('listitem').map((li) => li.textContent!.split(' :')[0])).toEqual([
      'Droit d’accès',
      'Droit de rectification',
      'Droit à l’effacement',
      'Droit à la limitation',
      'Droit d’opposition',
    ]);
    expect(screen.getAllByRole('link', { name: legal.dpo.email }).length).toBeGreaterThan(0);
    expect(screen.getByRole('heading', { name: 'Réclamation auprès de la CNIL' })).toBeTruthy();
  });

  it('links both pages from the footer of every page, signed in or not', async () => {
    serveApi({ 'GET /api/session': () => ({ status: 401, body: { error: { message: 'Unauthorized' } } }) });
    renderWithApp(
      <Routes>
        <Route element={<Layout />}>
          <Route path="*" element={<h1>Une page</h1>} />
        </Route>
      </Routes>,
      { route: '/charte' },
    );
    const footer = await screen.findByRole('navigation', { name: 'Informations légales' });
    expect(within(footer).getByRole('link', { name: 'Mentions légales' }).getAttribute('href')).toBe('/mentions-legales');
    expect(within(footer).getByRole('link', { name: 'Données personnelles' }).getAttribute('href')).toBe('/confidentialite');
  });
});
