import { typeLabel } from '@charte/contract';
import { useSearchParams } from 'react-router-dom';
import { ErrorMessage, Loading } from '../../components/Loading';
import { useCampaigns, useProgress } from '../../features/dashboard/api/progress';
import { ServiceCard } from '../../features/dashboard/components/ServiceCard';
import { MysteryDashboardPanel } from '../../features/mystery-tests/components/MysteryDashboardPanel';
import { ManagementReviewPanel } from '../../features/management-review/components/ManagementReviewPanel';
import { ReportDownload } from '../../features/reports/components/ReportDownload';
import { AgentSurveyNotice } from '../../features/surveys/components/AgentSurveyNotice';
import { useSession } from '../../lib/auth';
import { formatDate } from '../../lib/format';
import { useLabels } from '../../lib/labels';

// The home page of the staff: each service's progress in a campaign, and the synthesis report.

export default function DashboardPage() {
  const [params, setParams] = useSearchParams();
  const campaign = params.get('campagne') ?? undefined;
  const campaigns = useCampaigns();
  const progress = useProgress(campaign);
  const current = progress.data?.meta.campaign;
  const session = useSession();
  const labels = useLabels();
  // The mystery tests' latest wave: per channel town-wide for whoever reads every service, per service for a head.
  const mysteryBy = session.data?.role.readScope === 'all' ? 'channel' : session.data?.services.some((s) => s.isHead) ? 'service' : null;

  return (
    <section aria-labelledby="dashboard-title">
      <h1 id="dashboard-title" tabIndex={-1}>
        Tableau de bord
      </h1>
      <AgentSurveyNotice />
      <div className="toolbar">
        <label htmlFor="campaign">{typeLabel(labels, 'campaign')}</label>
        <select
          id="campaign"
          value={campaign ?? current?.documentId ?? ''}
          onChange={(e) => setParams(e.target.value ? { campagne: e.target.value } : {})}
          disabled={!campaigns.data?.length}
        >
          {campaigns.data?.map((c) => (
            <option key={c.documentId} value={c.documentId}>
              {c.name} ({formatDate(c.startDate)})
            </option>
          ))}
        </select>
      </div>
      {progress.isPending && <Loading label="Calcul de l’avancement…" />}
      {progress.isError && <ErrorMessage error={progress.error} />}
      {progress.data && !current && <p>Aucune campagne d’évaluation n’a encore été créée.</p>}
      {progress.data && current && (
        <>
          <p className="lead">
            {current.name} — {progress.data.data.length} service{progress.data.data.length > 1 ? 's' : ''} évalué{progress.data.data.length > 1 ? 's' : ''}. Le taux de
            conformité compte les fiches évaluées (conforme = 1, partiel = 0,5, non conforme = 0), pondérées par engagement.
          </p>
          <p className="lead">
            Ce taux compte toutes les fiches, quel que soit leur état ; le rapport de synthèse ne compte que les fiches validées ou
            approuvées : ses taux peuvent être plus bas tant que des fiches attendent leur validation.
          </p>
          {session.data?.role.readScope === 'all' && <ReportDownload kind="synthesis" campaign={current.documentId} />}
          <div className="cards">
            {progress.data.data.map((p) => (
              <ServiceCard key={p.service.documentId} progress={p} previousCampaign={progress.data.meta.previousCampaign} campaign={campaign} />
            ))}
          </div>
        </>
      )}
      {mysteryBy && <MysteryDashboardPanel by={mysteryBy} />}
      {session.data?.role.managementReview && <ManagementReviewPanel />}
    </section>
  );
}
