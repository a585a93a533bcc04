import { choiceLabel, fieldLabel, typeLabel, type ServiceEvaluation } from '@charte/contract';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { ErrorMessage, Loading } from '../../components/Loading';
import { useThemeProgress } from '../../features/dashboard/api/progress';
import { ThemeRadar } from '../../features/dashboard/components/ThemeRadar';
import { ProceduresSection } from '../../features/evidence/components/ProceduresSection';
import { MysteryFiguresSection } from '../../features/mystery-tests/components/MysteryFiguresSection';
import { ReportDownload } from '../../features/reports/components/ReportDownload';
import { useServiceActions, useServiceEvaluations, useServiceInterviews } from '../../features/services/api/service-page';
import { useAvailableTransitions } from '../../features/workflow/api/workflow';
import { useTitleFocus } from '../../hooks/useTitleFocus';
import { formatDate } from '../../lib/format';
import { useLabels } from '../../lib/labels';

// One service's page: its conformity per theme (the progress of the dashboard), its evaluations,
// interviews and roadmap actions, and its evaluation report. It loads on demand (the radar's chart).

function groupByTheme(evaluations: ServiceEvaluation[]) {
  const groups = new Map<string, { title: string; order: number; items: ServiceEvaluation[] }>();
  for (const e of evaluations) {
    const theme = e.criterion?.theme;
    const key = theme?.code ?? '—';
    if (!groups.has(key)) groups.set(key, { title: theme ? `${theme.code} — ${theme.title}` : 'Sans thème', order: theme?.order ?? 99, items: [] });
    groups.get(key)!.items.push(e);
  }
  for (const g of groups.values()) g.items.sort((a, b) => (a.criterion?.code ?? '').localeCompare(b.criterion?.code ?? ''));
  return [...groups.values()].sort((a, b) => a.order - b.order);
}

export default function ServicePage() {
  const { slug = '' } = useParams();
  const [params] = useSearchParams();
  const themes = useThemeProgress(params.get('campagne') ?? undefined, slug);
  const campaign = themes.data?.meta.campaign ?? null;
  const evaluations = useServiceEvaluations(slug, campaign?.documentId);
  const interviews = useServiceInterviews(slug);
  const actions = useServiceActions(slug);
  // Who writes this service's interview drafts is who may submit one (config/workflows.yaml).
  const writesInterviews = useAvailableTransitions('interviews', 'draft', slug).transitions.length > 0;
  const labels = useLabels();
  const state = (s: string) => <span className={`badge state-${s}`}>{choiceLabel(labels, s)}</span>;
  const evaluationField = (field: string) => fieldLabel(labels, 'evaluation', field);
  const actionField = (field: string) => fieldLabel(labels, 'roadmap-action', field);
  useTitleFocus(!themes.isPending);

  if (themes.isPending) return <Loading />;
  if (themes.isError)
    return (
      <section>
        <h1 tabIndex={-1}>Service indisponible</h1>
        <ErrorMessage error={themes.error} />
      </section>
    );
  const service = themes.data.meta.service;
  return (
    <article aria-labelledby="service-title">
      <p className="breadcrumb">
        <Link to="/">Tableau de bord</Link> › Service
      </p>
      <h1 id="service-title" tabIndex={-1}>
        {service?.name ?? slug}
      </h1>
      <p className="lead">{campaign ? `Campagne : ${campaign.name}` : 'Aucune campagne.'}</p>
      {campaign && <ReportDownload kind="evaluation" campaign={campaign.documentId} service={slug} />}

      <section aria-labelledby="radar-title" className="panel">
        <h2 id="radar-title">Conformité par thème</h2>
        {themes.data.data.length ? <ThemeRadar themes={themes.data.data} /> : <p>Aucune fiche évaluée pour cette campagne.</p>}
      </section>

      <section aria-labelledby="evaluations-title" className="panel">
        <h2 id="evaluations-title">{typeLabel(labels, 'evaluation', true)}</h2>
        {evaluations.isLoading && <Loading />}
        {evaluations.isError && <ErrorMessage error={evaluations.error} />}
        {(!campaign || evaluations.data?.length === 0) && <p className="muted">Aucune fiche d’évaluation pour cette campagne.</p>}
        {evaluations.data &&
          groupByTheme(evaluations.data).map((group) => (
            <section key={group.title} aria-label={group.title}>
              <h3>{group.title}</h3>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{evaluationField('criterion')}</th>
                    <th scope="col">{evaluationField('result')}</th>
                    <th scope="col">{evaluationField('workflowState')}</th>
                    <th scope="col">{evaluationField('findings')}</th>
                  </tr>
                </thead>
                <tbody>
                  {group.items.map((e) => (
                    <tr key={e.documentId}>
                      <td>
                        <Link to={`/a-traiter/evaluations/${e.documentId}`}>
                          {e.criterion?.code} — {e.criterion?.title}
                        </Link>
                      </td>
                      <td>{choiceLabel(labels, e.result)}</td>
                      <td>{state(e.workflowState)}</td>
                      <td>{e.findings || <span className="muted">—</span>}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          ))}
      </section>

      <section aria-labelledby="interviews-title" className="panel">
        <h2 id="interviews-title">{typeLabel(labels, 'interview', true)}</h2>
        {writesInterviews && (
          <p>
            <Link className="button" to={`/entretiens/nouveau?service=${encodeURIComponent(slug)}`}>
              Nouvel entretien
            </Link>
          </p>
        )}
        {interviews.data?.length === 0 && <p className="muted">Aucun entretien.</p>}
        <ul>
          {interviews.data?.map((i) => (
            <li key={i.documentId}>
              <Link to={`/a-traiter/interviews/${i.documentId}`}>{formatDate(i.date)}</Link> — {i.interviewees} (mené par {i.interviewer}) {state(i.workflowState)}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="actions-list-title" className="panel">
        <h2 id="actions-list-title">Feuille de route</h2>
        {actions.data?.length === 0 && <p className="muted">Aucune action.</p>}
        {actions.data && actions.data.length > 0 && (
          <table>
            <thead>
              <tr>
                <th scope="col">{actionField('title')}</th>
                <th scope="col">{actionField('owner')}</th>
                <th scope="col">{actionField('dueDate')}</th>
                <th scope="col">{actionField('actionStatus')}</th>
                <th scope="col">Avancement</th>
                <th scope="col">{actionField('workflowState')}</th>
              </tr>
            </thead>
            <tbody>
              {actions.data.map((a) => (
                <tr key={a.documentId}>
                  <td>
                    <Link to={`/a-traiter/roadmap-actions/${a.documentId}`}>{a.title}</Link>
                  </td>
                  <td>{a.owner}</td>
                  <td>{formatDate(a.dueDate)}</td>
                  <td>{a.statusLabel}</td>
                  <td>{a.progress} %</td>
                  <td>{state(a.workflowState)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {service && <ProceduresSection serviceDocumentId={service.documentId} />}

      <section aria-labelledby="mystery-title" className="panel">
        <h2 id="mystery-title">{typeLabel(labels, 'mystery-test', true)}</h2>
        <MysteryFiguresSection serviceSlug={slug} />
      </section>
    </article>
  );
}
