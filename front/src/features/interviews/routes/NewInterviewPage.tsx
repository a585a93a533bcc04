import { typeLabel } from '@charte/contract';
import { Link, useSearchParams } from 'react-router-dom';
import { useLabels } from '../../../lib/labels';
import { useTitleFocus } from '../../../hooks/useTitleFocus';
import { InterviewForm } from '../components/InterviewForm';

/** A service's page › a new interview, created as a draft (`?service=<slug>` preselects the service). */
export function NewInterviewPage() {
  const [params] = useSearchParams();
  const service = params.get('service') ?? undefined;
  const labels = useLabels();
  useTitleFocus(true);
  return (
    <section aria-labelledby="new-interview-title">
      <p className="breadcrumb">
        {service ? <Link to={`/services/${service}`}>{typeLabel(labels, 'service')}</Link> : <Link to="/">Tableau de bord</Link>} › Nouvel entretien
      </p>
      <h1 id="new-interview-title" tabIndex={-1}>
        Nouvel entretien
      </h1>
      <p className="muted">L’entretien est créé en brouillon : vous pourrez le compléter, puis le soumettre au chef de service.</p>
      <InterviewForm service={service} />
    </section>
  );
}

export default NewInterviewPage;
