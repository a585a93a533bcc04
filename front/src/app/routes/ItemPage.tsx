import { choiceLabel, fieldLabel, typeLabel, type ModelLabels } from '@charte/contract';
import { useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router-dom';
import { LeaveGuard } from '../../components/LeaveGuard';
import { ErrorMessage, Loading } from '../../components/Loading';
import { EvaluationForm, type UnsavedChanges } from '../../features/evaluations/components/EvaluationForm';
import { EvidenceSection } from '../../components/Evidence';
import { PrincipleForm } from '../../features/charter/components/PrincipleForm';
import { PublicReplyForm } from '../../features/complaints/components/PublicReplyForm';
import { InterviewForm } from '../../features/interviews/components/InterviewForm';
import { MysteryResultSection } from '../../features/mystery-tests/components/MysteryResultSection';
import { ActionForm } from '../../features/roadmap/components/ActionForm';
import { FollowUpForm } from '../../features/roadmap/components/FollowUpForm';
import { availableTransitions, useAvailableTransitions, useTransition } from '../../features/workflow/api/workflow';
import { HistoryList } from '../../features/workflow/components/HistoryList';
import { TransitionButtons } from '../../features/workflow/components/TransitionButtons';
import { useTitleFocus } from '../../hooks/useTitleFocus';
import { useSession } from '../../lib/auth';
import { useDocument, type WorkflowDocument } from '../../lib/documents';
import { formatDate, formatDateTime } from '../../lib/format';
import { formatTarget, formatValue } from '../../lib/indicator-format';
import { useLabels } from '../../lib/labels';
import { useDefinitions } from '../../lib/workflow-definitions';

// « À traiter » › one document: its content (the evaluation form while it may be edited), the
// workflow's buttons and history. It combines the workflow, evaluations and indicators features.
// Each field is named by the model map (config/labels.yaml); this file only says which fields a
// type shows, in which order, and how a value reads.

/** The page's title: the type's main field (labels.yaml `mainField`), or a composed name where it says little. */
function titleOf(type: string, doc: WorkflowDocument, labels: ModelLabels): string {
  if (type === 'evaluation') return doc.criterion ? `${doc.criterion.code} — ${doc.criterion.title}` : typeLabel(labels, type);
  if (type === 'interview') return `Entretien du ${formatDate(doc.date)}`;
  if (type === 'audit-finding') return `${choiceLabel(labels, doc.grade)}${doc.criterion ? ` — ${doc.criterion.code} ${doc.criterion.title}` : ''}`;
  if (type === 'measure') return doc.indicator ? `Mesure ${doc.indicator.code} — ${doc.indicator.name}` : typeLabel(labels, type);
  const main = labels.types[type]?.mainField;
  return (main && typeof doc[main] === 'string' && doc[main]) || typeLabel(labels, type);
}

/** The edit form of each collection whose drafts are written in the front. */
const FORMS: Record<string, (doc: WorkflowDocument, onUnsaved: (changes: UnsavedChanges | null) => void) => ReactNode> = {
  evaluations: (doc, onUnsaved) => <EvaluationForm key={doc.documentId} evaluation={doc} onUnsavedChanges={onUnsaved} />,
  'roadmap-actions': (doc) => <ActionForm key={doc.documentId} action={doc} />,
  interviews: (doc) => <InterviewForm key={doc.documentId} interview={doc} />,
  'charter-principles': (doc) => <PrincipleForm key={doc.documentId} principle={doc} />,
  'feedback-replies': (doc) => <PublicReplyForm key={doc.documentId} reply={doc} />,
};

type Shown = { field: string; value: (doc: WorkflowDocument) => ReactNode; when?: (doc: WorkflowDocument) => boolean };

/** The fields a type shows read-only, in order, with how each value reads. */
function shownFields(type: string, labels: ModelLabels): Shown[] {
  const text = (field: string): Shown => ({ field, value: (doc) => doc[field] });
  const choice = (field: string): Shown => ({ field, value: (doc) => choiceLabel(labels, doc[field]) });
  const day = (field: string): Shown => ({ field, value: (doc) => formatDate(doc[field]) });
  switch (type) {
    case 'evaluation':
      return [{ field: 'campaign', value: (doc) => doc.campaign?.name }, choice('result'), text('findings'), text('strengths'), text('gaps'), text('recommendation')];
    case 'interview':
      return [
        { field: 'campaign', value: (doc) => doc.campaign?.name },
        { field: 'date', value: (doc) => formatDateTime(doc.date) },
        text('interviewees'),
        text('interviewer'),
        { field: 'criteria', value: (doc) => doc.criteria?.map((c: { code: string }) => c.code).join(', ') },
        // Personal data: absent from the answer for whoever may not read it.
        { ...text('notes'), when: (doc) => doc.notes !== undefined },
      ];
    case 'roadmap-action':
      return [
        text('description'),
        { field: 'criterion', value: (doc) => doc.criterion && `${doc.criterion.code} — ${doc.criterion.title}` },
        { field: 'principle', value: (doc) => doc.principle?.title },
        text('owner'),
        choice('priority'),
        day('startDate'),
        day('dueDate'),
        choice('actionStatus'),
        { field: 'progress', value: (doc) => `${doc.progress ?? 0} %` },
        { field: 'promptComplaint', value: (doc) => doc.promptComplaint && `${choiceLabel(labels, doc.promptComplaint.kind)} du ${formatDate(doc.promptComplaint.receivedAt)}` },
        { field: 'promptSurvey', value: (doc) => doc.promptSurvey?.title },
        { field: 'promptFinding', value: (doc) => doc.promptFinding && `${choiceLabel(labels, doc.promptFinding.grade)} — ${doc.promptFinding.fact}` },
        text('promptSummary'),
        {
          field: 'promptMysteryTest',
          value: (doc) => doc.promptMysteryTest && <Link to={`/a-traiter/mystery-tests/${doc.promptMysteryTest.documentId}`}>{doc.promptMysteryTest.title}</Link>,
        },
      ];
    case 'audit-finding':
      return [
        { field: 'campaign', value: (doc) => doc.campaign?.name },
        { field: 'criterion', value: (doc) => doc.criterion && `${doc.criterion.code} — ${doc.criterion.title}` },
        choice('grade'),
        text('fact'),
        text('requirement'),
        text('rootCause'),
      ];
    case 'feedback-reply':
      return [
        { field: 'complaint', value: (doc) => doc.complaint && `${choiceLabel(labels, doc.complaint.kind)} du ${formatDate(doc.complaint.receivedAt)} — ${doc.complaint.subject}` },
        text('said'),
        text('reply'),
      ];
    case 'measure':
      return [day('period'), { field: 'value', value: (doc) => (doc.indicator ? formatValue(Number(doc.value), doc.indicator.unit, labels) : doc.value) }, text('comment')];
    case 'charter-principle':
      return [
        text('text'),
        text('commitment'),
        text('order'),
        { field: 'indicator', value: (doc) => doc.indicator?.name },
        { field: 'criteria', value: (doc) => doc.criteria?.map((c: { code: string }) => c.code).join(', ') },
      ];
    default:
      return [];
  }
}

/** Read-only view of a document's content. */
function Details({ type, doc }: { type: string; doc: WorkflowDocument }) {
  const labels = useLabels();
  const rows: [string, ReactNode][] = shownFields(type, labels)
    .filter((shown) => !shown.when || shown.when(doc))
    .map((shown) => [fieldLabel(labels, type, shown.field), shown.value(doc)]);
  // A measure also shows its indicator's target, what the value is held to.
  if (type === 'measure' && doc.indicator) {
    const target = doc.indicator.target === null ? null : Number(doc.indicator.target);
    rows.splice(2, 0, ['Objectif', formatTarget(target, doc.indicator.direction, doc.indicator.unit, labels)]);
  }
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

export default function ItemPage() {
  const { collection = '', documentId = '' } = useParams();
  const doc = useDocument(collection, documentId);
  const definitions = useDefinitions();
  const session = useSession();
  const labels = useLabels();
  const [unsaved, setUnsaved] = useState<UnsavedChanges | null>(null);
  const definition = definitions.data?.workflows.find((w) => w.collection === collection);
  // The API name of the type (`evaluations` → `evaluation`), what the model map is keyed by.
  const type = definition?.uid.split('.').pop();
  const { transitions } = useAvailableTransitions(collection, doc.data?.workflowState, doc.data?.service?.slug);
  // An action that changes fields (a roadmap action's follow-up) has its own form, not a button.
  const followUp = transitions.find((t) => t.updates.length > 0);
  const role = session.data?.role.type ?? '';
  const together = definition?.transitions.filter((t) => t.together && t.from === doc.data?.workflowState && role in t.by) ?? [];
  const report = useTransition(collection, documentId);
  useTitleFocus(!doc.isPending && !definitions.isPending);

  if (doc.isPending || definitions.isPending) return <Loading />;
  if (doc.isError)
    return (
      <section>
        <h1 tabIndex={-1}>Fiche indisponible</h1>
        <ErrorMessage error={doc.error} />
        <Link to="/a-traiter">Retour à « À traiter »</Link>
      </section>
    );
  const data = doc.data;
  // Who writes a draft is who may take an action from it (config/workflows.yaml): the service's
  // staff and the référent qualité for a service's sheet, the référent qualité for a principle.
  const writesDrafts = availableTransitions(definition, session.data, definition?.initial ?? '', data.service?.slug).length > 0;
  const editable = collection in FORMS && Boolean(definition?.editableIn.includes(data.workflowState)) && writesDrafts;
  const form = FORMS[collection]?.(data, setUnsaved);

  return (
    <article aria-labelledby="item-title">
      <p className="breadcrumb">
        <Link to="/a-traiter">À traiter</Link> › {definition?.label ?? collection}
      </p>
      <h1 id="item-title" tabIndex={-1}>
        {type ? titleOf(type, data, labels) : collection}
      </h1>
      <p>
        <span className={`badge state-${data.workflowState}`}>{choiceLabel(labels, data.workflowState)}</span>
        {data.service && (
          <>
            {' '}
            · {typeLabel(labels, 'service')} : {data.service.name}
          </>
        )}
      </p>
      {collection === 'evaluations' && data.criterion?.guidance && (
        <details className="guidance">
          <summary>Comment évaluer cet engagement</summary>
          <p>{data.criterion.guidance}</p>
          {data.criterion.expectedEvidence && (
            <>
              <h2>{fieldLabel(labels, 'criterion', 'expectedEvidence')}</h2>
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
        <TransitionButtons collection={collection} documentId={documentId} state={data.workflowState} serviceSlug={data.service?.slug} saveFirst={unsaved?.save} />
        {/* An action taken only with every other document (the charter's approval) has its own page. */}
        {collection === 'charter-principles' && together.length > 0 && (
          <p>
            Ce principe s’approuve avec la charte entière, en une seule décision : <Link to="/charte/gestion">Approuver la charte</Link>.
          </p>
        )}
        {collection === 'charter-principles' && data.workflowState === 'approved' && (
          <p className="muted">Rouvrir ce principe le remet en brouillon ; la charte publiée ne change qu’à la prochaine approbation de la charte, qui le retire.</p>
        )}
      </section>
      {editable ? (
        form
      ) : (
        type && (
          <>
            <Details type={type} doc={data} />
            {/* Whoever reads the sheet reads its evidence: the head and the DGS validate with it. */}
            {(type === 'evaluation' || type === 'roadmap-action') && <EvidenceSection files={data.evidence ?? []} type={type} documentId={data.documentId} collection={collection} />}
            {type === 'mystery-test' && <MysteryResultSection test={data} />}
          </>
        )
      )}
      {followUp && collection === 'roadmap-actions' && (
        <FollowUpForm
          key={data.documentId}
          action={data}
          transition={followUp}
          report={(body, done) => report.mutate(body, { onSuccess: done })}
          pending={report.isPending}
          error={report.error}
        />
      )}
      <LeaveGuard when={unsaved !== null} save={unsaved?.save} />
      <section aria-labelledby="history-title" className="panel">
        <h2 id="history-title">Historique</h2>
        <HistoryList collection={collection} documentId={documentId} type={type} />
        {session.data?.role.auditLog && definition && (
          <p>
            <Link to={`/journal?type=${encodeURIComponent(definition.uid)}&document=${encodeURIComponent(documentId)}`}>
              Toutes les modifications de ce document dans le journal
            </Link>
          </p>
        )}
      </section>
    </article>
  );
}
