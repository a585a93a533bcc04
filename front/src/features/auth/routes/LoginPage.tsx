import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { ApiError } from '../../../lib/api-client';
import { SESSION_NOTICE_KEY, useLogin, useSession, useSsoProviders, useSsoSignIn } from '../../../lib/auth';

export default function LoginPage() {
  const session = useSession();
  const login = useLogin();
  const providers = useSsoProviders();
  const ssoSignIn = useSsoSignIn();
  const location = useLocation();
  const navigate = useNavigate();
  const [identifier, setIdentifier] = useState('');
  const [password, setPassword] = useState('');
  // Shown until the next successful login (useLogin removes it), whatever remounts in between.
  const notice = sessionStorage.getItem(SESSION_NOTICE_KEY);
  const errorRef = useRef<HTMLParagraphElement>(null);
  const ssoErrorRef = useRef<HTMLParagraphElement>(null);
  const backFromDirectory = new URLSearchParams(location.search).has('sso');
  const outcomeRead = useRef(false);
  useEffect(() => {
    if (login.isError) errorRef.current?.focus();
  }, [login.isError]);
  useEffect(() => {
    if (ssoSignIn.isError) ssoErrorRef.current?.focus();
  }, [ssoSignIn.isError]);
  // Back from the directory's login page: the outcome is read once (the server forgets it then).
  useEffect(() => {
    if (!backFromDirectory || outcomeRead.current) return;
    outcomeRead.current = true;
    ssoSignIn.mutate();
    navigate('/connexion', { replace: true, state: location.state });
  }, [backFromDirectory, ssoSignIn, navigate, location.state]);

  if (session.data) {
    const from = (location.state as { from?: string } | null)?.from ?? '/';
    return <Navigate to={from} replace />;
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate({ identifier: identifier.trim(), password });
  };
  const directories = providers.data ?? [];

  return (
    <section className="login" aria-labelledby="login-title">
      <h1 id="login-title" tabIndex={-1}>
        Connexion
      </h1>
      <p>Espace réservé aux agents de la commune. La charte d’accueil est <a href="/charte">consultable par tous</a>.</p>
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      {ssoSignIn.isPending && <p role="status">Connexion en cours…</p>}
      {ssoSignIn.isError && (
        <p className="error" role="alert" tabIndex={-1} ref={ssoErrorRef}>
          {ssoSignIn.error.message}
        </p>
      )}
      {directories.length > 0 && (
        <div className="sso">
          <ul className="sso-providers">
            {directories.map((p) => (
              <li key={p.id}>
                {/* A top-level navigation: the directory's login page, then back through /api/sso/…/callback. */}
                <a className="button primary" href={`/api/sso/${encodeURIComponent(p.id)}/login`}>
                  Se connecter avec {p.name}
                </a>
              </li>
            ))}
          </ul>
          <p className="sso-or">ou avec votre adresse électronique et votre mot de passe :</p>
        </div>
      )}
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="identifier">Adresse électronique</label>
          <input id="identifier" type="email" autoComplete="username" required value={identifier} onChange={(e) => setIdentifier(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="password">Mot de passe</label>
          <input id="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </div>
        {login.isError && (
          <p className="error" role="alert" tabIndex={-1} ref={errorRef}>
            {login.error instanceof ApiError && login.error.status === 400 ? 'Adresse électronique ou mot de passe incorrect.' : login.error.message}
          </p>
        )}
        <button type="submit" className={directories.length ? undefined : 'primary'} disabled={login.isPending || !identifier || !password}>
          {login.isPending ? 'Connexion…' : 'Se connecter'}
        </button>
      </form>
    </section>
  );
}
