import { lazy } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';
import { useSession } from '../lib/auth';
import { Layout } from './Layout';
import { RequireSession } from './RequireSession';

// Every page loads on demand, under the Suspense boundary of its layout: the first load carries the
// layout alone, and a citizen's phone no staff page. A public page's chunk and data are named in the
// head of the page the cms sends (contract/src/public-pages.ts), so they come with the main script.
const LoginPage = lazy(() => import('../features/auth/routes/LoginPage'));
const CharterPage = lazy(() => import('../features/charter/routes/CharterPage'));
const DashboardPage = lazy(() => import('./routes/DashboardPage'));
const InboxPage = lazy(() => import('../features/workflow/routes/InboxPage'));
const ItemPage = lazy(() => import('./routes/ItemPage'));
const ServicePage = lazy(() => import('./routes/ServicePage'));
const EvidencePage = lazy(() => import('../features/evidence/routes/EvidencePage'));
const RoadmapPage = lazy(() => import('../features/roadmap/routes/RoadmapPage'));
const NewActionPage = lazy(() => import('../features/roadmap/routes/NewActionPage'));
const NewInterviewPage = lazy(() => import('../features/interviews/routes/NewInterviewPage'));
const CharterManagePage = lazy(() => import('../features/charter/routes/CharterManagePage'));
const NewPrinciplePage = lazy(() => import('../features/charter/routes/NewPrinciplePage'));
const ExportsPage = lazy(() => import('../features/exports/routes/ExportsPage'));
const ComplaintsPage = lazy(() => import('../features/complaints/routes/ComplaintsPage'));
const NewPublicReplyPage = lazy(() => import('../features/complaints/routes/NewPublicReplyPage'));
const PublicComplaintPage = lazy(() => import('../features/complaints/routes/PublicComplaintPage'));
const FollowUpPage = lazy(() => import('../features/complaints/routes/FollowUpPage'));
const LegalNoticePage = lazy(() => import('../features/legal/routes/LegalNoticePage'));
const PrivacyPage = lazy(() => import('../features/legal/routes/PrivacyPage'));
const AccessibilityPage = lazy(() => import('../features/accessibility/routes/AccessibilityPage'));
const AuditLogPage = lazy(() => import('../features/audit/routes/AuditLogPage'));
const IndicatorsPage = lazy(() => import('../features/indicators/routes/IndicatorsPage'));
const ResultsPage = lazy(() => import('../features/results/routes/ResultsPage'));
const PublicFeedbackPage = lazy(() => import('../features/results/routes/PublicFeedbackPage'));
const PublicSurveyListPage = lazy(() => import('../features/surveys/routes/PublicSurveyListPage'));
const PublicSurveyPage = lazy(() => import('../features/surveys/routes/PublicSurveyPage'));
const SurveyListPage = lazy(() => import('../features/surveys/routes/SurveyListPage'));
const SurveyResultsPage = lazy(() => import('../features/surveys/routes/SurveyResultsPage'));
const SurveyEditorPage = lazy(() => import('../features/surveys/routes/SurveyEditorPage'));
const PaperEntryPage = lazy(() => import('../features/surveys/routes/PaperEntryPage'));
const AgentSurveyListPage = lazy(() => import('../features/surveys/routes/AgentSurveyListPage'));
const AgentSurveyPage = lazy(() => import('../features/surveys/routes/AgentSurveyPage'));
const MyTestsPage = lazy(() => import('../features/mystery-tests/routes/MyTestsPage'));
const TestResultPage = lazy(() => import('../features/mystery-tests/routes/TestResultPage'));
const WavesPage = lazy(() => import('../features/mystery-tests/routes/WavesPage'));
const WavePlanPage = lazy(() => import('../features/mystery-tests/routes/WavePlanPage'));
const AuditorHomePage = lazy(() => import('../features/certification/routes/AuditorHomePage'));
const FindingsPage = lazy(() => import('../features/certification/routes/FindingsPage'));
const ReadinessPage = lazy(() => import('../features/certification/routes/ReadinessPage'));

/** The home page: the dashboard, or an external auditor's mission (they read no dashboard). */
function Home() {
  const session = useSession();
  return session.data?.role.readScope === 'audited-campaign' ? <Navigate to="/audit" replace /> : <DashboardPage />;
}

export function App() {
  return (
    <Routes>
      <Route element={<Layout />}>
        {/* Public pages, no account: the charter, the published results, a complaint and its follow-up, the survey, the legal pages and the accessibility statement. */}
        <Route path="/connexion" element={<LoginPage />} />
        <Route path="/charte" element={<CharterPage />} />
        <Route path="/charte/versions/:number" element={<CharterPage />} />
        <Route path="/resultats" element={<ResultsPage />} />
        <Route path="/vous-nous-avez-dit" element={<PublicFeedbackPage />} />
        <Route path="/reclamation" element={<PublicComplaintPage />} />
        <Route path="/reclamation/suivi" element={<FollowUpPage />} />
        <Route path="/mentions-legales" element={<LegalNoticePage />} />
        <Route path="/confidentialite" element={<PrivacyPage />} />
        <Route path="/accessibilite" element={<AccessibilityPage />} />
        <Route path="/enquetes" element={<PublicSurveyListPage />} />
        <Route path="/enquete/:documentId" element={<PublicSurveyPage />} />

        {/* Staff pages: without a session, the login page (and back here afterwards). */}
        <Route element={<RequireSession />}>
          <Route path="/" element={<Home />} />
          <Route path="/services/:slug" element={<ServicePage />} />
          <Route path="/a-traiter" element={<InboxPage />} />
          <Route path="/a-traiter/:collection/:documentId" element={<ItemPage />} />
          <Route path="/journal" element={<AuditLogPage />} />
          <Route path="/preuves" element={<EvidencePage />} />
          <Route path="/reclamations" element={<ComplaintsPage />} />
          <Route path="/reclamations/:documentId/reponse-publique" element={<NewPublicReplyPage />} />
          <Route path="/indicateurs" element={<IndicatorsPage />} />
          <Route path="/feuille-de-route" element={<RoadmapPage />} />
          <Route path="/feuille-de-route/nouvelle" element={<NewActionPage />} />
          <Route path="/entretiens/nouveau" element={<NewInterviewPage />} />
          <Route path="/charte/gestion" element={<CharterManagePage />} />
          <Route path="/charte/principes/nouveau" element={<NewPrinciplePage />} />
          <Route path="/exports" element={<ExportsPage />} />
          <Route path="/enquetes/resultats" element={<SurveyListPage />} />
          <Route path="/enquetes/resultats/:documentId" element={<SurveyResultsPage />} />
          <Route path="/enquetes/nouvelle" element={<SurveyEditorPage />} />
          <Route path="/enquetes/modifier/:documentId" element={<SurveyEditorPage />} />
          <Route path="/enquetes/papier/:documentId" element={<PaperEntryPage />} />
          <Route path="/enquete-agents" element={<AgentSurveyListPage />} />
          <Route path="/enquete-agents/:documentId" element={<AgentSurveyPage />} />
          <Route path="/tests-mysteres" element={<MyTestsPage />} />
          <Route path="/tests-mysteres/:documentId" element={<TestResultPage />} />
          <Route path="/tests-mysteres/vagues" element={<WavesPage />} />
          <Route path="/tests-mysteres/vagues/:documentId" element={<WavePlanPage />} />
          <Route path="/audit" element={<AuditorHomePage />} />
          <Route path="/certification" element={<ReadinessPage />} />
          <Route path="/certification/constats" element={<FindingsPage />} />
        </Route>

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
