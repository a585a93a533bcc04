/**
 * The pages anyone may read without an account, as search engines should find them: the cms lists
 * them in robots.txt and sitemap.xml, the front gives each its title and description. One list, so
 * that a public page added here is at once allowed, listed and described.
 * `exact`: only that address (staff pages live under /charte/… and /enquetes/…); otherwise the
 * address and everything below it.
 */
export interface PublicPage {
  path: string;
  exact: boolean;
  /** The page's `<title>`, before « — Charte d’accueil ». */
  title: string;
  /** Its meta description: what a search result shows under the title (under 160 characters). */
  description: string;
  /** Listed in sitemap.xml (a page with a varying address, such as one survey, is not). */
  inSitemap: boolean;
  /**
   * The front module that draws the page (path under front/, as Vite's manifest names it): the cms
   * names its files in the page it sends, so that the browser fetches them with the main script
   * instead of after it (front.ts).
   */
  module: string;
  /** What the page asks the API for as it opens, fetched with the page for the same reason. */
  reads: readonly string[];
}

/** What every page asks for as it opens: the accessibility mention of the layout's footer. */
export const LAYOUT_READS: readonly string[] = ['/api/accessibility'];

export const SITE_NAME = 'Charte d’accueil';

export const PUBLIC_PAGES: readonly PublicPage[] = [
  {
    path: '/charte',
    exact: true,
    title: 'Notre charte d’accueil',
    description: 'Les engagements de la commune pour l’accueil du public : à l’accueil, au téléphone, par courrier et en ligne.',
    inSitemap: true,
    module: 'src/features/charter/routes/CharterPage.tsx',
    reads: ['/api/public/charter', '/api/public/charter/versions'],
  },
  {
    path: '/charte/versions/',
    exact: false,
    title: 'Version de la charte d’accueil',
    description: 'Une version précédente de la charte d’accueil de la commune, telle qu’elle a été publiée.',
    inSitemap: false,
    module: 'src/features/charter/routes/CharterPage.tsx',
    reads: [],
  },
  {
    path: '/resultats',
    exact: true,
    title: 'Nos résultats',
    description: 'Les résultats publiés de la démarche qualité de l’accueil : engagements tenus, délais de réponse, satisfaction des usagers.',
    inSitemap: true,
    module: 'src/features/results/routes/ResultsPage.tsx',
    reads: ['/api/public/results'],
  },
  {
    path: '/vous-nous-avez-dit',
    exact: true,
    title: 'Vous nous l’avez dit, nous l’avons fait',
    description: 'Ce que les usagers ont signalé à la commune et ce qu’elle a changé en retour : réponses publiques et actions menées.',
    inSitemap: true,
    module: 'src/features/results/routes/PublicFeedbackPage.tsx',
    reads: ['/api/public/feedback'],
  },
  {
    path: '/accessibilite',
    exact: true,
    title: 'Accessibilité',
    description: 'Déclaration d’accessibilité du site, schéma pluriannuel et plan d’actions, et comment signaler un problème d’accessibilité.',
    inSitemap: true,
    module: 'src/features/accessibility/routes/AccessibilityPage.tsx',
    reads: [],
  },
  {
    path: '/reclamation',
    exact: true,
    title: 'Déposer une réclamation ou une suggestion',
    description: 'Adressez une réclamation ou une suggestion aux services de la commune : vous recevez un accusé de réception et une réponse.',
    inSitemap: true,
    module: 'src/features/complaints/routes/PublicComplaintPage.tsx',
    reads: ['/api/legal', '/api/public/complaints/services'],
  },
  {
    path: '/reclamation/suivi',
    exact: true,
    title: 'Suivre ma demande',
    description: 'Suivez l’avancement de votre réclamation ou de votre suggestion avec le code reçu à son envoi.',
    inSitemap: false,
    module: 'src/features/complaints/routes/FollowUpPage.tsx',
    reads: [],
  },
  {
    path: '/enquetes',
    exact: true,
    title: 'Donnez votre avis',
    description: 'Les enquêtes de satisfaction ouvertes : dites à la commune ce que vous pensez de son accueil, en quelques minutes.',
    inSitemap: true,
    module: 'src/features/surveys/routes/PublicSurveyListPage.tsx',
    reads: ['/api/public/surveys'],
  },
  {
    path: '/enquete/',
    exact: false,
    title: 'Enquête de satisfaction',
    description: 'Répondez à une enquête de satisfaction de la commune sur l’accueil du public.',
    inSitemap: false,
    module: 'src/features/surveys/routes/PublicSurveyPage.tsx',
    reads: [],
  },
  {
    path: '/mentions-legales',
    exact: true,
    title: 'Mentions légales',
    description: 'Éditeur, directeur de la publication et hébergeur du site de la charte d’accueil de la commune.',
    inSitemap: true,
    module: 'src/features/legal/routes/LegalNoticePage.tsx',
    reads: ['/api/legal'],
  },
  {
    path: '/confidentialite',
    exact: true,
    title: 'Données personnelles',
    description: 'Comment la commune traite les données personnelles des formulaires publics, et comment exercer vos droits.',
    inSitemap: true,
    module: 'src/features/legal/routes/PrivacyPage.tsx',
    reads: ['/api/legal'],
  },
  {
    path: '/connexion',
    exact: true,
    title: 'Connexion des agents',
    description: 'Espace réservé aux agents de la commune qui suivent la démarche qualité de l’accueil.',
    inSitemap: false,
    module: 'src/features/auth/routes/LoginPage.tsx',
    reads: ['/api/sso/providers'],
  },
];

/** The public page at `pathname`, if it is one. */
export function publicPageAt(pathname: string): PublicPage | undefined {
  const clean = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  return PUBLIC_PAGES.find((page) => (page.exact ? clean === page.path : clean.startsWith(page.path)));
}

/** Open data files: read by machines, hence open to robots too. */
export const OPEN_DATA_PATH = '/api/public/open-data/';
