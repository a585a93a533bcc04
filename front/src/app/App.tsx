import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router-dom';
import { LoginPage } from '../features/auth/routes/LoginPage';
import { CharterPage } from '../features/charter/routes/CharterPage';
import { DashboardPage } from './routes/DashboardPage';
import { InboxPage } from '../features/workflow/routes/InboxPage';
import { ItemPage } from './routes/ItemPage';
import { Layout } from './Layout';
import { Loading } from '../components/Loading';
import { RequireSession } from './RequireSession';

// The service page carries the radar chart: it loads on demand.
const ServicePage = lazy(() => import('./routes/ServicePage'));
const RoadmapPage = lazy(() => import('../features/roadmap/routes/RoadmapPage'));
const ExportsPage = lazy(() => import('../features/exports/routes/ExportsPage'));
const ComplaintsPage = lazy(() => import('../features/complaints/routes/ComplaintsPage'));
const PublicComplaintPage = lazy(() => import('../features/complaints/routes/PublicComplaintPage'));
const AuditLogPage = lazy(() => import('../features/audit/routes/AuditLogPage'));
const IndicatorsPage = lazy(() => import('../features/indicators/routes/IndicatorsPage'));
const ResultsPage = lazy(() => import('../features/results/routes/ResultsPage'));
const PublicSurveyListPage = lazy(() => import('../features/surveys/routes/PublicSurveyListPage'));
const PublicSurveyPage = lazy(() => import('../features/surveys/routes/PublicSurveyPage'));
const SurveyListPage = lazy(() => import('../features/surveys/routes/SurveyListPage'));
const SurveyResultsPage = lazy(() => import('../features/surveys/routes/SurveyResultsPage'));

export function App() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route path="/connexion" element={<LoginPage />} />
        <Route path="/charte" element={<CharterPage />} />
        <Route path="/charte/versions/:number" element={<CharterPage />} />
        <Route
          path="/"
          element={
            <RequireSession>
              <DashboardPage />
            </RequireSession>
          }
        />
        <Route
          path="/services/:slug"
          element={
            <RequireSession>
              <Suspense fallback={<Loading />}>
                <ServicePage />
              </Suspense>
            </RequireSession>
          }
        />
        <Route
          path="/a-traiter"
          element={
            <RequireSession>
              <InboxPage />
            </RequireSession>
          }
        />
        <Route
          path="/a-traiter/:collection/:documentId"
          element={
            <RequireSession>
              <ItemPage />
            </RequireSession>
          }
        />
        <Route
          path="/journal"
          element={
            <RequireSession>
              <Suspense fallback={<Loading />}>
                <AuditLogPage />
              </Suspense>
            </RequireSession>
          }
        />
        <Route
          path="/reclamation"
          element={
            <Suspense fallback={<Loading />}>
              <PublicComplaintPage />
            </Suspense>
          }
        />
        <Route
          path="/reclamations"
          element={
            <RequireSession>
              <Suspense fallback={<Loading />}>
                <ComplaintsPage />
              </Suspense>
            </RequireSession>
          }
        />
        <Route
          path="/indicateurs"
          element={
            <RequireSession>
              <Suspense fallback={<Loading />}>
                <IndicatorsPage />
              </Suspense>
            </RequireSession>
          }
        />
        {/* Published results: public, no account. */}
        <Route
          path="/resultats"
          element={
            <Suspense fallback={<Loading />}>
              <ResultsPage />
            </Suspense>
          }
        />
        <Route
          path="/feuille-de-route"
          element={
            <RequireSession>
              <Suspense fallback={<Loading />}>
                <RoadmapPage />
              </Suspense>
            </RequireSession>
          }
        />
        <Route
          path="/exports"
          element={
            <RequireSession>
              <Suspense fallback={<Loading />}>
                <ExportsPage />
              </Suspense>
            </RequireSession>
          }
        />
        {/* Satisfaction survey: public list and form (no account), staff results. */}
        <Route
          path="/enquetes"
          element={
            <Suspense fallback={<Loading />}>
              <PublicSurveyListPage />
            </Suspense>
          }
        />
        <Route
          path="/enquete/:documentId"
          element={
            <Suspense fallback={<Loading />}>
              <PublicSurveyPage />
            </Suspense>
          }
        />
        <Route
          path="/enquetes/resultats"
          element={
            <RequireSession>
              <Suspense fallback={<Loading />}>
                <SurveyListPage />
              </Suspense>
            </RequireSession>
          }
        />
        <Route
          path="/enquetes/resultats/:documentId"
          element={
            <RequireSession>
              <Suspense fallback={<Loading />}>
                <SurveyResultsPage />
              </Suspense>
            </RequireSession>
          }
        />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}

function NotFound() {
  return (
    <section>
      <h1 tabIndex={-1}>Page introuvable</h1>
      <p>
        Cette adresse ne correspond à aucune page. <a href="/">Revenir au tableau de bord</a>.
      </p>
    </section>
  );
}
