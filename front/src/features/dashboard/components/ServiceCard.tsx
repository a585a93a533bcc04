import type { CampaignSummary, ServiceProgress } from '@charte/contract';
import { Link } from 'react-router-dom';
import { formatDelta, formatRate } from '../../../lib/format';
import { StateBar } from './StateBar';

export function ServiceCard({ progress, previousCampaign, campaign }: { progress: ServiceProgress; previousCampaign: CampaignSummary | null; campaign?: string }) {
  const { service, conformityRate, previousConformityRate, evaluations, roadmap } = progress;
  const delta = conformityRate !== null && previousConformityRate !== null && previousConformityRate !== undefined ? conformityRate - previousConformityRate : null;
  return (
    <article className="card" aria-labelledby={`service-${service.slug}`}>
      <h2 id={`service-${service.slug}`}>
        <Link to={`/services/${service.slug}${campaign ? `?campagne=${campaign}` : ''}`}>{service.name}</Link>
      </h2>
      <p className="rate">
        <span className="value">{formatRate(conformityRate)}</span> <span className="caption">de conformité, toutes fiches</span>
      </p>
      {previousCampaign && (
        <p className="delta">
          {delta === null ? `Pas de comparaison possible avec « ${previousCampaign.name} »` : `${formatDelta(delta)} depuis « ${previousCampaign.name} »`}
        </p>
      )}
      <h3>Fiches d’évaluation ({evaluations.total})</h3>
      <StateBar evaluations={evaluations} />
      <p className="roadmap">
        Feuille de route : <strong>{roadmap.done}</strong> action{roadmap.done > 1 ? 's' : ''} aboutie{roadmap.done > 1 ? 's' : ''} sur {roadmap.total}
      </p>
    </article>
  );
}
