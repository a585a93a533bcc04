import { Link, useParams } from 'react-router-dom';
import { ErrorMessage, Loading } from '../../components/Loading';
import { EvaluationForm } from '../../features/evaluations/components/EvaluationForm';
import { HistoryList } from '../../features/workflow/components/HistoryList';
import { TransitionButtons } from '../../features/workflow/components/TransitionButtons';
import { useTitleFocus } from '../../hooks/useTitleFocus';
import { useSession } from '../../lib/auth';
import { useDocument, type WorkflowDocument } from '../../lib/documents';
import { formatDate, formatDateTime, RESULT_LABELS } from '../../lib/format';
import { formatTarget, formatValue } from '../../lib/indicator-format';
import { useDefinitions } from '../../lib/workflow-definitions';

// « À traiter » › one document: its content (the evaluation form while it may be edited), the
// workflow's buttons and history. It combines the workflow, evaluations and indicators features.

function titleOf(collection: string, doc: WorkflowDocument): string {
  if (collection === 'evaluations') return doc.criterion ? `${doc.criterion.code} — ${doc.criterion.title}` : 'Évaluation';
  if (collection === 'interviews') return `Entretien du ${formatDate(doc.date)}`;
  if (collection === 'measures') return doc.indicator ? `Mesure ${doc.indicator.code} — ${doc.indicator.name}` : 'Mesure';
  return doc.title ?? 'Fiche';
}

/** Read-only view of a document's content, per type. */
function Details({ collection, doc }: { collection: string; doc: WorkflowDocument }) {
  const rows: [string, React.ReactNode][] =
    collection === 'evaluations'
      ? [
          ['Campagne', doc.campaign?.name],
          ['Résultat', RESULT_LABELS[doc.result] ?? doc.result],
          ['Constats', doc.findings],
          ['Points forts', doc.strengths],
          ['Écarts', doc.gaps],
          ['Recommandation', doc.recommendation],
        ]
      : collection === 'interviews'
        ? [
            ['Date', formatDateTime(doc.date)],
            ['Personnes rencontrées', doc.interviewees],
            ['Mené par', doc.interviewer],
            ['Engagements abordés', doc.criteria?.map((c: { code: string }) => c.code).join(', ')],
            ...(doc.notes !== undefined ? ([['Notes', doc.notes]] as [string, string][]) : []),
          ]
        : collection === 'roadmap-actions'
          ? [
              ['Description', doc.description],
              ['Pilote', doc.owner],
              ['Priorité', doc.priority],
              ['Début', formatDate(doc.startDate)],
              ['Échéance', formatDate(doc.dueDate)],
              ['Avancement', `${doc.progress ?? 0} %`],
            ]
          : collection === 'measures'
            ? [
                ['Période (premier jour)', formatDate(doc.period)],
                ['Valeur', doc.indicator ? formatValue(Number(doc.value), doc.indicator.unit) : doc.value],
                ['Objectif', doc.indicator ? formatTarget(doc.indicator.target === null ? null : Number(doc.indicator.target), doc.indicator.direction, doc.indicator.unit) : null],
                ['Commentaire', doc.comment],
              ]
          : [
              ['Texte', doc.text],
              ['Engagement mesurable', doc.commitment],
              ['Ordre dans la charte', doc.order],
            ];
  return (
    <dl className="details">
      {rows.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value === null || value === undefined || value === '' ? <span className="muted">—</span> : value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function ItemPage() {
  const { collection = '', documentId = '' } = useParams();
  const doc = useDocument(collection, documentId);
  const definitions = useDefinitions();
  const session = useSession();
  const definition = definitions.data?.workflows.find((w) => w.collection === collection);
  useTitleFocus(!doc.isPending);

  if (doc.isPending) return <Loading />;
  if (doc.isError)
    return (
      <section>
        <h1 tabIndex={-1}>Fiche indisponible</h1>
        <ErrorMessage error={doc.error} />
        <Link to="/a-traiter">Retour à « À traiter »</Link>
      </section>
    );
  const data = doc.data;
  const editable =
    collection === 'evaluations' &&
    Boolean(definition?.editableIn.includes(data.workflowState)) &&
    (session.data?.role.type === 'referent-qualite' || Boolean(session.data?.services.some((s) => s.slug === data.service?.slug)));

  return (
    <article aria-labelledby="item-title">
      <p className="breadcrumb">
        <Link to="/a-traiter">À traiter</Link> › {definition?.label ?? collection}
      </p>
      <h1 id="item-title" tabIndex={-1}>
        {titleOf(collection, data)}
      </h1>
      <p>
        <span className={`badge state-${data.workflowState}`}>{definitions.data?.labels.states[data.workflowState] ?? data.workflowState}</span>
        {data.service && <> · Service : {data.service.name}</>}
      </p>
      {collection === 'evaluations' && data.criterion?.guidance && (
        <details className="guidance">
          <summary>Comment évaluer cet engagement</summary>
          <p>{data.criterion.guidance}</p>
          {data.criterion.expectedEvidence && (
            <>
              <h2>Preuves attendues</h2>
              <ul>
                {String(data.criterion.expectedEvidence)
                  .split('\n')
                  .filter((line) => line.trim())
                  .map((line, i) => (
                    <li key={i}>{line}</li>
                  ))}
              </ul>
            </>
          )}
        </details>
      )}
      <section aria-labelledby="actions-title" className="panel">
        <h2 id="actions-title">Actions</h2>
        <TransitionButtons collection={collection} documentId={documentId} state={data.workflowState} serviceSlug={data.service?.slug} />
      </section>
      {editable ? <EvaluationForm key={data.documentId} evaluation={data} /> : <Details collection={collection} doc={data} />}
      <section aria-labelledby="history-title" className="panel">
        <h2 id="history-title">Historique</h2>
        <HistoryList collection={collection} documentId={documentId} />
      </section>
    </article>
  );
}
