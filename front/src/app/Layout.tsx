import { typeLabel } from '@charte/contract';
import { Suspense, useEffect, useState } from 'react';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { Loading } from '../components/Loading';
import { MailAlertBanner } from '../features/mails/components/MailAlertBanner';
import { CONFORMITY_WORDS, useAccessibilityStatement } from '../lib/accessibility';
import { setUnauthorizedHandler } from '../lib/api-client';
import { SESSION_NOTICE_KEY, useLogout, useSession } from '../lib/auth';
import { useLabels } from '../lib/labels';
import { usePageHead } from './page-head';

/** The root layout: header, navigation and the main landmark shared by every page; also handles an expired session. */
export function Layout() {
  const session = useSession();
  const labels = useLabels();
  const logout = useLogout();
  const navigate = useNavigate();
  const location = useLocation();
  const accessibility = useAccessibilityStatement();
  // An external auditor reads one campaign (config/roles.yaml, audited-campaign): their own menu.
  const auditing = session.data?.role.readScope === 'audited-campaign';
  // A staff member's menu has a dozen entries: on a phone it folds behind « Menu » (styles.css).
  // It is open on the page it was opened on: a page opened from it closes it.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const menuOpen = openOn === location.pathname;
  const folds = Boolean(session.data);

  useEffect(() => {
    setUnauthorizedHandler(() => {
      // Kept outside the router state: the redirect of RequireSession may replace that state.
      sessionStorage.setItem(SESSION_NOTICE_KEY, 'Votre session a expiré : reconnectez-vous.');
      logout();
      navigate('/connexion', { replace: true, state: { from: location.pathname } });
    });
  }, [logout, navigate, location.pathname]);

  usePageHead(location.pathname);

  // Move focus to the page's title after each navigation, for screen-reader and keyboard users.
  useEffect(() => {
    document.querySelector<HTMLElement>('main h1')?.focus();
  }, [location.pathname]);

  return (
    <>
      <a className="skip-link" href="#contenu">
        Aller au contenu
      </a>
      <header className="site-header">
        <Link to="/" className="brand">
          Charte d’accueil
        </Link>
        {folds && (
          <button type="button" className="menu-toggle" aria-expanded={menuOpen} aria-controls="menu-principal" onClick={() => setOpenOn(menuOpen ? null : location.pathname)}>
            Menu
          </button>
        )}
        <nav aria-label="Navigation principale" id="menu-principal" className={folds ? `folding${menuOpen ? ' open' : ''}` : undefined}>
          <ul>
            {auditing && (
              <li>
                <NavLink to="/audit">Ma mission d’audit</NavLink>
              </li>
            )}
            {session.data && !auditing && (
              <>
                <li>
                  <NavLink to="/" end>
                    Tableau de bord
                  </NavLink>
                </li>
                <li>
                  <NavLink to="/a-traiter">À traiter</NavLink>
                </li>
                <li>
                  <NavLink to="/feuille-de-route">Feuille de route</NavLink>
                </li>
                <li>
                  <NavLink to="/exports">Exports</NavLink>
                </li>
                <li>
                  <NavLink to="/reclamations">Réclamations</NavLink>
                </li>
                <li>
                  <NavLink to="/indicateurs">{typeLabel(labels, 'indicator', true)}</NavLink>
                </li>
                <li>
                  <NavLink to="/enquetes/resultats">{typeLabel(labels, 'survey', true)}</NavLink>
                </li>
                <li>
                  <NavLink to="/tests-mysteres">{typeLabel(labels, 'mystery-test', true)}</NavLink>
                </li>
                {session.data.role.readScope === 'all' && (
                  <li>
                    <NavLink to="/certification">Audit de certification</NavLink>
                  </li>
                )}
                {session.data.role.readScope !== 'none' && (
                  <li>
                    <NavLink to="/preuves">Pièces à renouveler</NavLink>
                  </li>
                )}
                {session.data.role.auditLog && (
                  <li>
                    <NavLink to="/journal">Journal des modifications</NavLink>
                  </li>
                )}
              </>
            )}
            <li>
              <NavLink to="/charte">La charte</NavLink>
            </li>
            <li>
              <NavLink to="/resultats">Nos résultats</NavLink>
            </li>
            {!session.data && (
              <li>
                <NavLink to="/reclamation">{typeLabel(labels, 'complaint')}</NavLink>
              </li>
            )}
            {!session.data && (
              <li>
                <NavLink to="/enquetes" end>
                  Donnez votre avis
                </NavLink>
              </li>
            )}
          </ul>
        </nav>
        {session.data ? (
          <div className="who">
            <span>
              {session.data.user.name} — {session.data.role.name}
            </span>
            <button
              type="button"
              onClick={() => {
                logout();
                navigate('/connexion');
              }}
            >
              Se déconnecter
            </button>
          </div>
        ) : (
          location.pathname !== '/connexion' && (
            <Link className="who" to="/connexion">
              Se connecter
            </Link>
          )
        )}
      </header>
      <main id="contenu">
        {/* Inside main: the first thing read after « Aller au contenu », on every page. */}
        <MailAlertBanner enabled={session.data?.role.mailAlerts === true} />
        {/* The public pages that load on demand wait here (the staff pages, in RequireSession). */}
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
      <footer className="site-footer">
        <nav aria-label="Informations légales">
          <ul>
            <li>
              <Link to="/mentions-legales">Mentions légales</Link>
            </li>
            <li>
              <Link to="/confidentialite">Données personnelles</Link>
            </li>
            {!session.data && (
              <li>
                <Link to="/reclamation/suivi">Suivre ma demande</Link>
              </li>
            )}
            <li>
              {/* The mention every page owes (RGAA), computed by the cms from config/accessibility.yaml. */}
              <Link to="/accessibilite">
                Accessibilité : {accessibility.data ? CONFORMITY_WORDS[accessibility.data.conformity] : 'voir la déclaration'}
              </Link>
            </li>
          </ul>
        </nav>
      </footer>
    </>
  );
}
