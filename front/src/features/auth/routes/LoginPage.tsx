import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { ApiError } from '../../../lib/api-client';
import { SESSION_NOTICE_KEY, useLogin, useSession } from '../../../lib/auth';

export function LoginPage() {
  const session = useSession();
  const login = useLogin();
  const location = useLocation();
  const [identifier, setIdentifier] = useState('');
  const [password, setPassword] = useState('');
  // Shown until the next successful login (useLogin removes it), whatever remounts in between.
  const notice = sessionStorage.getItem(SESSION_NOTICE_KEY);
  const errorRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (login.isError) errorRef.current?.focus();
  }, [login.isError]);

  if (session.data) {
    const from = (location.state as { from?: string } | null)?.from ?? '/';
    return <Navigate to={from} replace />;
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate({ identifier: identifier.trim(), password });
  };

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
        <button type="submit" className="primary" disabled={login.isPending || !identifier || !password}>
          {login.isPending ? 'Connexion…' : 'Se connecter'}
        </button>
      </form>
    </section>
  );
}
