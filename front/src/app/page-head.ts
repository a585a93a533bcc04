import { publicPageAt, SITE_NAME } from '@charte/contract';
import { useEffect } from 'react';

/** What index.html says before any route is known (front/index.html): kept for the staff pages. */
const DEFAULT_DESCRIPTION = 'Charte d’accueil de la commune : ses engagements pour l’accueil du public, ses résultats publiés, vos réclamations et votre avis.';

function meta(name: string): HTMLMetaElement {
  let element = document.head.querySelector<HTMLMetaElement>(`meta[name="${name}"]`);
  if (!element) {
    element = document.createElement('meta');
    element.name = name;
    document.head.append(element);
  }
  return element;
}

/**
 * The tab's title and the meta description of the page at `pathname`. A public page takes its own
 * (contract/src/public-pages.ts, as the cms also writes them into the page it sends, for engines
 * that run no script); a staff page is named after its heading once that is shown, and kept out of
 * search engines (the cms answers the same).
 */
export function usePageHead(pathname: string): void {
  useEffect(() => {
    const page = publicPageAt(pathname);
    meta('description').content = page?.description ?? DEFAULT_DESCRIPTION;
    const robots = document.head.querySelector('meta[name="robots"]');
    if (page) {
      robots?.remove();
      document.title = `${page.title} — ${SITE_NAME}`;
      return;
    }
    meta('robots').content = 'noindex';
    document.title = SITE_NAME;
    const main = document.getElementById('contenu');
    if (!main) return;
    // Staff pages load on demand and then their data: the heading comes when it comes.
    const name = () => {
      const heading = main.querySelector('h1')?.textContent?.trim();
      document.title = heading ? `${heading} — ${SITE_NAME}` : SITE_NAME;
    };
    name();
    const observer = new MutationObserver(name);
    observer.observe(main, { childList: true, subtree: true, characterData: true });
    return () => observer.disconnect();
  }, [pathname]);
}
