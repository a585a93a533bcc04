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
}

export const SITE_NAME = 'Charte d’accueil';

export const PUBLIC_PAGES: readonly PublicPage[] = [
  {
    path: '/charte',
    exact: true,
    title: 'Notre charte d’accueil',
    description: 'Les engagements de la commune pour l’accueil du public : à l’accueil, au téléphone, par courrier et en ligne.',
    inSitemap: true,
  },
  {
    path: '/charte/versions/',
    exact: false,
    title: 'Version de la charte d’accueil',
    description: 'Une version précédente de la charte d’accueil de la commune, telle qu’elle a été publiée.',
    inSitemap: false,
  },
  {
    path: '/resultats',
    exact: true,
    title: 'Nos résultats',
    description: 'Les résultats publiés de la démarche qualité de l’accueil : engagements tenus, délais de réponse, satisfaction des usagers.',
    inSitemap: true,
  },
  {
    path: '/accessibilite',
    exact: true,
    title: 'Accessibilité',
    description: 'Déclaration d’accessibilité du site, schéma pluriannuel et plan d’actions, et comment signaler un problème d’accessibilité.',
    inSitemap: true,
  },
  {
    path: '/reclamation',
    exact: true,
    title: 'Déposer une réclamation ou une suggestion',
    description: 'Adressez une réclamation ou une suggestion aux services de la commune : vous recevez un accusé de réception et une réponse.',
    inSitemap: true,
  },
  {
    path: '/reclamation/suivi',
    exact: true,
    title: 'Suivre ma demande',
    description: 'Suivez l’avancement de votre réclamation ou de votre suggestion avec le code reçu à son envoi.',
    inSitemap: false,
  },
  {
    path: '/enquetes',
    exact: true,
    title: 'Donnez votre avis',
    description: 'Les enquêtes de satisfaction ouvertes : dites à la commune ce que vous pensez de son accueil, en quelques minutes.',
    inSitemap: true,
  },
  {
    path: '/enquete/',
    exact: false,
    title: 'Enquête de satisfaction',
    description: 'Répondez à une enquête de satisfaction de la commune sur l’accueil du public.',
    inSitemap: false,
  },
  {
    path: '/mentions-legales',
    exact: true,
    title: 'Mentions légales',
    description: 'Éditeur, directeur de la publication et hébergeur du site de la charte d’accueil de la commune.',
    inSitemap: true,
  },
  {
    path: '/confidentialite',
    exact: true,
    title: 'Données personnelles',
    description: 'Comment la commune traite les données personnelles des formulaires publics, et comment exercer vos droits.',
    inSitemap: true,
  },
  {
    path: '/connexion',
    exact: true,
    title: 'Connexion des agents',
    description: 'Espace réservé aux agents de la commune qui suivent la démarche qualité de l’accueil.',
    inSitemap: false,
  },
];

/** The public page at `pathname`, if it is one. */
export function publicPageAt(pathname: string): PublicPage | undefined {
  const clean = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  return PUBLIC_PAGES.find((page) => (page.exact ? clean === page.path : clean.startsWith(page.path)));
}

/** Open data files: read by machines, hence open to robots too. */
export const OPEN_DATA_PATH = '/api/public/open-data/';
