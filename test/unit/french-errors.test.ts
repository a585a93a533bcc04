import { frenchMessage } from '../../cms/src/middlewares/french-errors';

describe('French refusals', () => {
  it.each([
    'Le nom de la campagne est obligatoire.',
    'Champ inconnu : state',
    'Action inconnue pour ce circuit.',
    'Choisissez au moins un service.',
    'Identifiant ou mot de passe incorrect.',
  ])('keeps a message already French, even without accents: %s', (message) => {
    expect(frenchMessage(message, 400)).toBe(message);
  });

  it('translates Strapi’s and yup’s English wording, and falls back on the status for the rest', () => {
    expect(frenchMessage('name must be at most 10 characters', 400)).toBe('« name » : 10 caractères au maximum.');
    expect(frenchMessage('Invalid key state', 400)).toBe('Champ inconnu : « state ».');
    expect(frenchMessage('Bad Request', 400)).toBe('Requête invalide.');
    expect(frenchMessage('Something went wrong on the server', 500)).toMatch(/^Erreur interne/);
  });
});
