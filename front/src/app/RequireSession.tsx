import { Suspense } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { Loading } from '../components/Loading';
import { useSession } from '../lib/auth';

/**
 * The layout route of the staff pages: anyone without a session is sent to the login page, and back
 * here afterwards. Its pages that load on demand wait under one Suspense boundary.
 */
export function RequireSession() {
  const session = useSession();
  const location = useLocation();
  if (session.isPending) return <Loading label="Vérification de la session…" />;
  if (!session.data) return <Navigate to="/connexion" replace state={{ from: location.pathname }} />;
  return (
    <Suspense fallback={<Loading />}>
      <Outlet />
    </Suspense>
  );
}
