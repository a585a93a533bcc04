/** @jest-environment jsdom */
import { paperSurveyFormSchema, surveyEditorViewSchema } from '@charte/contract/schemas';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import PaperEntryPage from '../../front/src/features/surveys/routes/PaperEntryPage';
import SurveyEditorPage from '../../front/src/features/surveys/routes/SurveyEditorPage';
import { tokenStore } from '../../front/src/lib/api-client';
import { renderWithApp, serveApi } from './render';

const services = [
  { documentId: 's1', name: 'Accueil / État civil' },
  { documentId: 's2', name: 'Scolaire' },
];
const questions = [
  { id: 'accueil', kind: 'scale-1-4' as const, label: 'Êtes-vous satisfait de l’accueil ?', required: true },
  { id: 'canal', kind: 'choice' as const, label: 'Comment nous avez-vous contactés ?', options: ['Guichet', 'Téléphone'] },
  { id: 'remarque', kind: 'text' as const, label: 'Une remarque ?' },
];
const STANDARD = { id: 'satisfaction-globale', kind: 'scale-1-4' as const, label: 'Globalement, êtes-vous satisfait(e) de l’accueil et du service rendu ?', required: true };
const view = (responses: number) =>
  surveyEditorViewSchema.parse({
    survey: { documentId: 'e1', title: 'Satisfaction 2026', description: null, service: null, audience: 'usagers', opensAt: '2026-01-05', closesAt: null, questions },
    responses,
    services,
    standardQuestion: STANDARD,
  });

beforeEach(() => tokenStore.set('jeton'));
afterEach(() => localStorage.clear());

const renderEditor = (route: string) =>
  renderWithApp(
    <Routes>
      <Route path="/enquetes/nouvelle" element={<SurveyEditorPage />} />
      <Route path="/enquetes/modifier/:documentId" element={<SurveyEditorPage />} />
    </Routes>,
    { route },
  );

const cards = () => screen.getAllByRole('group', { name: /^Question \d sur \d$/ });

describe('Éditeur d’enquête', () => {
  it('reorders with « Monter » and « Descendre », keeping the focus on the button pressed, and saves the questions in that order', async () => {
    const calls = serveApi({
      'GET /api/survey-editor/e1': () => ({ body: { data: view(0) } }),
      'PUT /api/survey-editor/e1': (init) => ({ body: { data: { ...view(0), survey: { ...view(0).survey!, ...JSON.parse(String(init!.body)) } } } }),
    });
    renderEditor('/enquetes/modifier/e1');
    expect(await screen.findByRole('heading', { level: 1, name: 'Modifier l’enquête — Satisfaction 2026' })).toBeTruthy();
    const user = userEvent.setup();
    const third = cards()[2];
    await user.click(within(third).getByRole('button', { name: 'Monter la question 3' }));
    expect((within(cards()[1]).getByLabelText('Intitulé de la question') as HTMLInputElement).value).toBe('Une remarque ?');
    expect(document.activeElement?.textContent).toBe('Monter la question 2');
    await user.keyboard('{Enter}');
    expect((within(cards()[0]).getByLabelText('Intitulé de la question') as HTMLInputElement).value).toBe('Une remarque ?');
    // At the top « Monter » is disabled: the focus goes to « Descendre » of the same question.
    expect(document.activeElement?.textContent).toBe('Descendre la question 1');
    expect(screen.getByText('Question « Une remarque ? » déplacée en position 1 sur 3.')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Ajouter une question' }));
    const added = cards()[3];
    expect(document.activeElement?.textContent).toBe('Question 4 sur 4');
    await user.type(within(added).getByLabelText('Intitulé de la question'), 'Par quel moyen ?');
    await user.selectOptions(within(added).getByLabelText('Type de réponse'), 'choice');
    await user.type(within(added).getByLabelText(/Choix proposés/), 'Courrier{Enter}{Enter}Courriel');
    await user.click(within(added).getByLabelText('Réponse obligatoire'));
    await user.click(screen.getByRole('button', { name: 'Enregistrer l’enquête' }));
    await screen.findByText('Enquête enregistrée.');
    const put = calls.find((c) => c.method === 'PUT')!;
    expect(put.body).toEqual({
      title: 'Satisfaction 2026',
      description: null,
      service: null,
      audience: 'usagers',
      opensAt: '2026-01-05',
      closesAt: null,
      questions: [
        { id: 'remarque', kind: 'text', label: 'Une remarque ?' },
        { id: 'accueil', kind: 'scale-1-4', label: 'Êtes-vous satisfait de l’accueil ?', required: true },
        { id: 'canal', kind: 'choice', label: 'Comment nous avez-vous contactés ?', options: ['Guichet', 'Téléphone'] },
        { kind: 'choice', label: 'Par quel moyen ?', options: ['Courrier', 'Courriel'], required: true },
      ],
    });
  });

  it('says on screen what can no longer change once answered, and shows the cms’s refusal', async () => {
    serveApi({
      'GET /api/survey-editor/e1': () => ({ body: { data: view(12) } }),
      'PUT /api/survey-editor/e1': () => ({ status: 409, body: { error: { message: 'L’enquête a déjà 12 réponses : les choix de la question « Comment nous avez-vous contactés ? » (canal) ne peuvent plus être retirés ni renommés.' } } }),
    });
    renderEditor('/enquetes/modifier/e1');
    expect(await screen.findByText(/Cette enquête a déjà 12 réponses\. Ses questions ne peuvent plus être retirées ni changer de type/)).toBeTruthy();
    const choice = cards()[1];
    expect((within(choice).getByLabelText('Type de réponse') as HTMLSelectElement).disabled).toBe(true);
    expect((within(choice).getByRole('button', { name: 'Retirer la question 2' }) as HTMLButtonElement).disabled).toBe(true);
    expect(within(choice).getByText(/ses choix ne peuvent plus être retirés ni renommés/)).toBeTruthy();
    const user = userEvent.setup();
    await user.clear(within(choice).getByLabelText(/Choix proposés/));
    await user.type(within(choice).getByLabelText(/Choix proposés/), 'Guichet{Enter}Courriel');
    await user.click(screen.getByRole('button', { name: 'Enregistrer l’enquête' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('L’enquête n’a pas été enregistrée : L’enquête a déjà 12 réponses : les choix de la question « Comment nous avez-vous contactés ? » (canal) ne peuvent plus être retirés ni renommés.');
    await waitFor(() => expect(document.activeElement).toBe(alert));
  });

  it('creates a new survey and opens it in its editor', async () => {
    const calls = serveApi({
      'GET /api/survey-editor': () => ({ body: { data: { survey: null, responses: 0, services, standardQuestion: STANDARD } } }),
      'POST /api/survey-editor': () => ({ status: 201, body: { data: view(0) } }),
      'GET /api/survey-editor/e1': () => ({ body: { data: view(0) } }),
    });
    renderEditor('/enquetes/nouvelle');
    expect(await screen.findByRole('heading', { level: 1, name: 'Nouvelle enquête' })).toBeTruthy();
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText(/Titre de l’enquête/), 'Satisfaction 2026');
    await user.selectOptions(screen.getByLabelText('Service'), 's2');
    await user.type(screen.getByLabelText(/Ouverture/), '2026-01-05');
    await user.type(within(cards()[0]).getByLabelText('Intitulé de la question'), 'Êtes-vous satisfait ?');
    await user.click(screen.getByRole('button', { name: 'Créer l’enquête' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Modifier l’enquête — Satisfaction 2026' })).toBeTruthy();
    expect(await screen.findByText('Enquête créée.')).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST')!.body).toMatchObject({ title: 'Satisfaction 2026', service: 's2', opensAt: '2026-01-05', questions: [{ kind: 'scale-1-4', label: 'Êtes-vous satisfait ?', required: true }] });
  });
});

describe('Saisie d’un questionnaire papier', () => {
  it('uses the public form’s questions, requires the service of a service member, and empties the form for the next one', async () => {
    const form = paperSurveyFormSchema.parse({ documentId: 'e1', title: 'Satisfaction 2026', status: 'open', service: null, questions, services: services.slice(0, 1), serviceRequired: true, maxTextLength: 2000 });
    const calls = serveApi({
      'GET /api/survey-results/e1/paper': () => ({ body: { data: form } }),
      'POST /api/survey-results/e1/paper': () => ({ status: 201, body: { data: { received: true }, meta: { message: 'Questionnaire papier enregistré.' } } }),
    });
    renderWithApp(
      <Routes>
        <Route path="/enquetes/papier/:documentId" element={<PaperEntryPage />} />
      </Routes>,
      { route: '/enquetes/papier/e1' },
    );
    expect(await screen.findByRole('heading', { level: 1, name: 'Saisir un questionnaire papier — Satisfaction 2026' })).toBeTruthy();
    const user = userEvent.setup();
    // A single service of the member's: already chosen.
    expect((screen.getByLabelText(/^Service/) as HTMLSelectElement).value).toBe('s1');
    await user.click(screen.getByRole('button', { name: 'Enregistrer ce questionnaire' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/une réponse est à compléter/);
    await user.click(screen.getByLabelText('Satisfait'));
    await user.type(screen.getByLabelText(/Une remarque/), 'Écrit à la main');
    await user.click(screen.getByRole('button', { name: 'Enregistrer ce questionnaire' }));
    expect((await screen.findByRole('status')).textContent).toBe('Questionnaire papier enregistré. Le formulaire est vide : vous pouvez saisir le suivant.');
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({ answers: { accueil: 3, remarque: 'Écrit à la main' }, service: 's1' });
    expect((screen.getByLabelText('Satisfait') as HTMLInputElement).checked).toBe(false);
    expect((screen.getByLabelText(/Une remarque/) as HTMLTextAreaElement).value).toBe('');
  });
});
