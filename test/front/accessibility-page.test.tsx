/** @jest-environment jsdom */
import { accessibilityStatementSchema } from '@charte/contract/schemas';
import { screen, within } from '@testing-library/react';
import { Layout } from '../../front/src/app/Layout';
import AccessibilityPage from '../../front/src/features/accessibility/routes/AccessibilityPage';
import { accessibilityStatement } from '../../cms/src/legal/accessibility-statement';
import { renderWithApp, serveApi } from './render';

/** The statement as the cms serves it from the shipped config/accessibility.yaml, on a day of 2026. */
const shipped = accessibilityStatementSchema.parse(accessibilityStatement(new Date('2026-12-03T10:00:00Z')));

describe('Accessibilité', () => {
  it('renders the statement in the template’s sections, then the schéma and the plans', async () => {
    serveApi({ 'GET /api/accessibility': () => ({ body: { data: shipped } }) });
    renderWithApp(<AccessibilityPage />, { route: '/accessibilite' });
    await screen.findByRole('heading', { name: 'Déclaration d’accessibilité' });
    const headings = screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent);
    expect(headings).toEqual([
      'Déclaration d’accessibilité',
      'État de conformité',
      'Contenus non accessibles',
      'Établissement de cette déclaration d’accessibilité',
      'Retour d’information et contact',
      'Voies de recours',
      'Schéma pluriannuel de mise en accessibilité 2026–2028',
      'Plan d’actions 2026',
      'Plan d’actions 2027 (prévisionnel)',
    ]);
    expect(screen.getByText(/Ce service en ligne est/).textContent).toBe(
      'Ce service en ligne est non conforme avec le référentiel général d’amélioration de l’accessibilité (RGAA). Aucun audit de conformité au RGAA n’a encore été réalisé.',
    );
    expect(screen.getByText(/s’applique au site/).textContent).toBe('Cette déclaration d’accessibilité s’applique au site « Charte d’accueil » de Démoville (pages publiques et espace des agents).');
    expect(screen.getByRole('link', { name: 'Signaler un problème d’accessibilité' }).getAttribute('href')).toBe('/reclamation?nature=accessibilite');
    expect(screen.getByRole('link', { name: 'écrire un message au Défenseur des droits' }).getAttribute('href')).toBe('https://www.defenseurdesdroits.fr/nous-contacter-355');
    expect(screen.getByText('Le bilan du plan 2026 n’est pas encore publié.')).toBeTruthy();
  });

  it('puts the mention computed from a recorded audit in the footer, linking to the statement', async () => {
    const audited = {
      ...shipped,
      conformity: 'partielle' as const,
      conformityReason: null,
      audit: { date: '2026-06-01', rgaaVersion: '4.1.2', auditor: 'en interne', rate: 72.5, averageRate: null, reportUrl: null, pages: ['Accueil'], nonConformities: ['Graphiques sans alternative.'], derogations: [], tools: ['Assistant RGAA'], environment: ['Firefox avec NVDA'] },
    };
    serveApi({ 'GET /api/accessibility': () => ({ body: { data: audited } }), 'GET /api/mail-status': () => ({ body: { data: null } }) });
    renderWithApp(<Layout />, { route: '/charte' });
    const footer = screen.getByRole('contentinfo');
    expect((await within(footer).findByRole('link', { name: 'Accessibilité : partiellement conforme' })).getAttribute('href')).toBe('/accessibilite');
  });
});
