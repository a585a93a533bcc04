import type { SurveyQuestion } from '@charte/contract';
import { publicFormsConfig } from '../../cms/src/public-intake/config';
import { checkAnswers } from '../../cms/src/surveys/answers';
import { surveyStatus } from '../../cms/src/surveys/calendar';
import { checkQuestions } from '../../cms/src/surveys/questions';

const questions: SurveyQuestion[] = [
  { id: 'note', kind: 'scale-1-4', label: 'Votre satisfaction', required: true },
  { id: 'abouti', kind: 'yes-no', label: 'Démarche aboutie' },
  { id: 'canal', kind: 'choice', label: 'Canal', options: ['Guichet', 'Téléphone'] },
  { id: 'mot', kind: 'text', label: 'Un mot' },
];
const MAX = 50;

describe('checkAnswers', () => {
  it('keeps valid answers, trims texts and drops blank optional answers', () => {
    expect(checkAnswers(questions, { note: 4, abouti: false, canal: 'Téléphone', mot: '  merci ' }, MAX)).toEqual({
      ok: true,
      answers: { note: 4, abouti: false, canal: 'Téléphone', mot: 'merci' },
    });
    expect(checkAnswers(questions, { note: 1, abouti: null, canal: '', mot: '   ' }, MAX)).toEqual({ ok: true, answers: { note: 1 } });
  });

  it.each([
    ['an unknown question', { note: 3, autre: 1 }, 'La question « autre » ne fait pas partie de cette enquête.'],
    ['a scale value out of 1–4', { note: 0 }, '« Votre satisfaction » : choisissez une note de 1 à 4.'],
    ['a decimal scale value', { note: 2.5 }, '« Votre satisfaction » : choisissez une note de 1 à 4.'],
    ['a scale value as text', { note: '3' }, '« Votre satisfaction » : choisissez une note de 1 à 4.'],
    ['a yes/no answer as text', { note: 3, abouti: 'oui' }, '« Démarche aboutie » : répondez par oui ou par non.'],
    ['a choice not offered', { note: 3, canal: 'Courrier' }, '« Canal » : choisissez une des réponses proposées.'],
    ['a text that is too long', { note: 3, mot: 'x'.repeat(MAX + 1) }, `« Un mot » : réponse trop longue (${MAX + 1} caractères, ${MAX} au plus).`],
    ['a text that is not text', { note: 3, mot: { html: 1 } }, '« Un mot » : la réponse doit être un texte.'],
    ['a missing required answer', { abouti: true }, '« Votre satisfaction » : cette question est obligatoire.'],
  ])('refuses %s, in French', (_case, answers, message) => {
    const checked = checkAnswers(questions, answers, MAX);
    expect(checked.ok).toBe(false);
    if (!checked.ok) {
      expect(checked.message).toBe(message);
    }
  });

  it('refuses a body that is not an object, and an answer with nothing answered', () => {
    for (const input of [null, 'note=4', [4], 4]) expect(checkAnswers(questions, input, MAX).ok).toBe(false);
    const empty = checkAnswers(questions.map((q) => ({ ...q, required: false })), {}, MAX);
    expect(empty).toMatchObject({ ok: false, message: 'Répondez à au moins une question avant d’envoyer.' });
  });
});

describe('checkQuestions', () => {
  it('accepts the four kinds', () => {
    expect(checkQuestions(questions)).toEqual({ ok: true, questions });
  });

  it.each([
    [[{ id: 'a', kind: 'slider', label: 'A' }], 'Question 1 : type « kind » inconnu'],
    [[{ id: 'a', kind: 'text', label: 'A', options: ['x', 'y'] }], 'Question 1 : seules les questions à choix ont des choix « options »'],
    [[{ id: 'a', kind: 'choice', label: 'A', options: ['x', 'x'] }], 'Question 1 : deux choix « options » identiques'],
    [[{ id: 'A b', kind: 'text', label: 'A' }], 'Question 1 : identifiant « id » : lettres minuscules'],
    [[{ id: 'a', kind: 'text', label: 'A' }, { id: 'a', kind: 'text', label: 'B' }], 'Question 2 : identifiant « a » déjà utilisé'],
    [[{ id: 'a', kind: 'text' }], 'Question 1 : intitulé « label » manquant'],
    [['question'], 'Question 1 : chaque question doit être un objet'],
    [null, 'les questions doivent être une liste'],
  ])('refuses %j with a French message', (value, fragment) => {
    const checked = checkQuestions(value);
    expect(checked.ok).toBe(false);
    if (!checked.ok) {
      expect(checked.message).toContain(fragment);
    }
  });
});

describe('survey dates (town calendar days)', () => {
  it('is open from its opening day through its closing day included', () => {
    expect(surveyStatus('2026-05-10', '2026-05-20', '2026-05-09')).toBe('upcoming');
    expect(surveyStatus('2026-05-10', '2026-05-20', '2026-05-10')).toBe('open');
    expect(surveyStatus('2026-05-10', '2026-05-20', '2026-05-20')).toBe('open');
    expect(surveyStatus('2026-05-10', '2026-05-20', '2026-05-21')).toBe('closed');
    expect(surveyStatus('2026-05-10', null, '2030-01-01')).toBe('open');
  });
});

describe('config/public-forms.yaml', () => {
  it('has limits for the public forms and the 90 % target', () => {
    const config = publicFormsConfig();
    expect(config.forms['survey-response'].perAddress.points).toBeGreaterThanOrEqual(10);
    expect(config.survey.satisfaction.target).toBe(0.9);
    expect(config.survey.satisfaction.satisfied).toEqual({ 'scale-1-4': [3, 4], 'yes-no': [true] });
  });
});
