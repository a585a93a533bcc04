import { availableActions, choiceLabel, fieldLabel, ROADMAP_PRIORITIES } from '@charte/contract';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { ErrorMessage, Loading } from '../../../components/Loading';
import { useTitleFocus } from '../../../hooks/useTitleFocus';
import { useSession } from '../../../lib/auth';
import { countOf } from '../../../lib/format';
import { useLabels } from '../../../lib/labels';
import { useDefinitions } from '../../../lib/workflow-definitions';
import { useCorrectiveActions, useCreateCorrectiveAction, useFindings, useFindingStep, type CorrectiveAction, type Finding } from '../api/certification';
import { FindingCard } from '../components/FindingCard';
import '../certification.css';

const NON_CONFORMITIES = ['non-conformite-mineure', 'non-conformite-majeure'];
const ACTION_TYPE = 'roadmap-action';

/** « Créer l’action »: the corrective action, on the finding's service and criterion, prompted by it. */
function CorrectiveActionForm({ finding }: { finding: Finding }) {
  const labels = useLabels();
  const create = useCreateCorrectiveAction();
  const major = finding.grade === 'non-conformite-majeure';
  const [values, setValues] = useState({ title: '', owner: '', dueDate: '', priority: major ? 'haute' : 'moyenne' });
  const id = (name: string) => `action-${finding.documentId}-${name}`;
  const label = (field: string) => fieldLabel(labels, ACTION_TYPE, field);
  const set = (name: keyof typeof values) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [name]: e.target.value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({
      title: values.title.trim(),
      owner: values.owner.trim(),
      dueDate: values.dueDate || null,
      priority: values.priority,
      description: `Action corrective du constat d’audit : ${finding.fact}`.slice(0, 10000),
      service: finding.service?.documentId,
      criterion: finding.criterion?.documentId ?? null,
      promptFinding: finding.documentId,
    });
  };
  return (
    <form className="inline-form" onSubmit={submit} aria-label={`Créer l’action corrective : ${finding.criterion?.code ?? ''}`}>
      <label htmlFor={id('title')}>
        {label('title')} <span className="required">(obligatoire)</span>
      </label>
      <input id={id('title')} value={values.title} onChange={set('title')} maxLength={200} required />
      <label htmlFor={id('owner')}>
        {label('owner')} <span className="required">(obligatoire)</span>
      </label>
      <input id={id('owner')} value={values.owner} onChange={set('owner')} maxLength={200} required />
      <label htmlFor={id('dueDate')}>
        {label('dueDate')}
        {major && <span className="required"> (obligatoire pour une non-conformité majeure)</span>}
      </label>
      <input id={id('dueDate')} type="date" value={values.dueDate} onChange={set('dueDate')} required={major} />
      <label htmlFor={id('priority')}>{label('priority')}</label>
      <select id={id('priority')} value={values.priority} onChange={set('priority')}>
        {ROADMAP_PRIORITIES.map((p) => (
          <option key={p} value={p}>
            {choiceLabel(labels, p)}
          </option>
        ))}
      </select>
      {create.isError && (
        <p className="error" role="alert">
          L’action n’a pas été créée : {create.error.message}
        </p>
      )}
      <div className="audit-buttons">
        <button type="submit" disabled={create.isPending}>
          Créer l’action
        </button>
      </div>
    </form>
  );
}

/** A finding's buttons for whoever may take its next step (config/workflows.yaml), and its corrective action. */
function FindingSteps({ finding, actions }: { finding: Finding; actions: CorrectiveAction[] }) {
  const labels = useLabels();
  const session = useSession();
  const definitions = useDefinitions();
  const step = useFindingStep();
  const [cause, setCause] = useState(finding.rootCause ?? '');
  const [creating, setCreating] = useState(false);
  const workflow = definitions.data?.workflows.find((w) => w.collection === 'audit-findings');
  const role = session.data?.role.type ?? 'public';
  const open = workflow ? availableActions(workflow, finding.workflowState, role, 'none').map((t) => t.action) : [];
  const nonConformity = NON_CONFORMITIES.includes(finding.grade);
  const own = actions.filter((a) => a.promptFinding?.documentId === finding.documentId);
  const causeId = `cause-${finding.documentId}`;
  const take = (action: 'acknowledge' | 'settle') => step.mutate({ documentId: finding.documentId, action, rootCause: cause !== (finding.rootCause ?? '') ? cause : undefined });
  return (
    <div className="inline-form">
      {own.length > 0 && (
        <p>
          Action corrective :{' '}
          {own.map((a) => (
            <span key={a.documentId}>
              <Link to={`/a-traiter/roadmap-actions/${a.documentId}`}>{a.title}</Link> ({choiceLabel(labels, a.actionStatus)})
            </span>
          ))}
        </p>
      )}
      {nonConformity && open.length > 0 && !finding.rootCause && (
        <>
          <label htmlFor={causeId}>{fieldLabel(labels, 'audit-finding', 'rootCause')}</label>
          <textarea id={causeId} rows={2} maxLength={5000} value={cause} onChange={(e) => setCause(e.target.value)} />
        </>
      )}
      {step.isError && (
        <p className="error" role="alert">
          {step.error.message}
        </p>
      )}
      <div className="audit-buttons">
        {open.includes('acknowledge') && (
          <button type="button" disabled={step.isPending} onClick={() => take('acknowledge')}>
            {labels.actions.acknowledge}
          </button>
        )}
        {nonConformity && role === 'referent-qualite' && own.length === 0 && ['submitted', 'acknowledged'].includes(finding.workflowState) && !creating && (
          <button type="button" className="secondary" onClick={() => setCreating(true)}>
            Créer l’action
          </button>
        )}
        {open.includes('settle') && (
          <button type="button" className="secondary" disabled={step.isPending} onClick={() => take('settle')}>
            {labels.actions.settle}
          </button>
        )}
      </div>
      {creating && own.length === 0 && <CorrectiveActionForm finding={finding} />}
    </div>
  );
}

/**
 * « Constats d’audit » (/certification/constats): the auditors' findings, by step — received, to
 * acknowledge; acknowledged, with their corrective action; closed — with the référent qualité's
 * buttons « Accuser réception », « Créer l’action » and « Clore ».
 */
export default function FindingsPage() {
  const labels = useLabels();
  const findings = useFindings();
  const actions = useCorrectiveActions();
  useTitleFocus(!findings.isPending);
  const all = (findings.data ?? []).filter((f) => f.workflowState !== 'draft');
  const groups = [
    { state: 'submitted', title: 'À accuser réception' },
    { state: 'acknowledged', title: 'Reçus, en cours de traitement' },
    { state: 'settled', title: labels.states.settled },
  ];
  return (
    <section>
      <p className="breadcrumb">
        <Link to="/certification">Audit de certification</Link> › {labels.types['audit-finding']?.plural}
      </p>
      <h1 tabIndex={-1}>{labels.types['audit-finding']?.plural}</h1>
      <p>
        Les constats que les auditeurs ont soumis. Une non-conformité se clôt une fois sa cause notée, son action corrective aboutie et une preuve jointe (à l’action ou à
        l’évaluation de l’engagement).
      </p>
      {findings.isPending ? (
        <Loading />
      ) : findings.isError ? (
        <ErrorMessage error={findings.error} />
      ) : (
        groups.map((group) => {
          const items = all.filter((f) => f.workflowState === group.state);
          return (
            <section key={group.state} aria-labelledby={`constats-${group.state}`}>
              <h2 id={`constats-${group.state}`}>
                {group.title} <span className="muted">({countOf(items.length, 'constat')})</span>
              </h2>
              {items.length ? (
                <ul className="finding-cards">
                  {items.map((f) => (
                    <FindingCard key={f.documentId} finding={f}>
                      {f.workflowState !== 'settled' && <FindingSteps finding={f} actions={actions.data ?? []} />}
                    </FindingCard>
                  ))}
                </ul>
              ) : (
                <p className="muted">Aucun constat.</p>
              )}
            </section>
          );
        })
      )}
    </section>
  );
}
