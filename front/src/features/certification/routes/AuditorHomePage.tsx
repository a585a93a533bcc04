import { choiceLabel, fieldHelp, fieldLabel, FINDING_GRADES } from '@charte/contract';
import { useState, type FormEvent } from 'react';
import { ErrorMessage, Loading } from '../../../components/Loading';
import { useTitleFocus } from '../../../hooks/useTitleFocus';
import { countOf, formatDate } from '../../../lib/format';
import { useLabels } from '../../../lib/labels';
import { useAuditedEvaluations, useFindings, useFindingStep, useMandate, useRecordFinding, type AuditedEvaluation } from '../api/certification';
import { FindingCard } from '../components/FindingCard';
import '../certification.css';

const TYPE = 'audit-finding';

/** The finding form: a criterion of the service's evaluations, a grade, the fact and the requirement. */
function FindingForm({ service, evaluations }: { service: string; evaluations: AuditedEvaluation[] }) {
  const labels = useLabels();
  const record = useRecordFinding();
  const empty = { criterion: '', grade: '', fact: '', requirement: '' };
  const [values, setValues] = useState(empty);
  const [done, setDone] = useState<string | null>(null);
  const label = (field: string) => fieldLabel(labels, TYPE, field);
  const set = (name: keyof typeof empty) => (e: { target: { value: string } }) => {
    setDone(null);
    setValues((v) => ({ ...v, [name]: e.target.value }));
  };
  const send = (submit: boolean) => (event?: FormEvent) => {
    event?.preventDefault();
    const form = document.getElementById('finding-form') as HTMLFormElement | null;
    if (form && !form.reportValidity()) return;
    record.mutate(
      { data: { service, criterion: values.criterion, grade: values.grade, fact: values.fact.trim(), requirement: values.requirement.trim() || null }, submit },
      {
        onSuccess: () => {
          setValues(empty);
          setDone(submit ? 'Constat soumis au référent qualité.' : 'Constat enregistré en brouillon : vous pourrez le soumettre plus bas.');
        },
      },
    );
  };
  const criteria = evaluations.filter((e) => e.criterion).map((e) => e.criterion!);
  const help = (field: string) => fieldHelp(labels, TYPE, field);
  return (
    <form id="finding-form" className="audit-form" onSubmit={send(true)} aria-labelledby="nouveau-constat">
      <h2 id="nouveau-constat">Nouveau constat</h2>
      <div className="field">
        <label htmlFor="finding-criterion">
          {label('criterion')} <span className="required">(obligatoire)</span>
        </label>
        <select id="finding-criterion" value={values.criterion} onChange={set('criterion')} required>
          <option value="">Choisissez l’engagement</option>
          {criteria.map((c) => (
            <option key={c.documentId} value={c.documentId}>
              {c.code} — {c.title}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="finding-grade">
          {label('grade')} <span className="required">(obligatoire)</span>
        </label>
        <select id="finding-grade" value={values.grade} onChange={set('grade')} required aria-describedby="finding-grade-help">
          <option value="">Choisissez le niveau</option>
          {FINDING_GRADES.map((g) => (
            <option key={g} value={g}>
              {choiceLabel(labels, g)}
            </option>
          ))}
        </select>
        <p id="finding-grade-help" className="muted">
          Une non-conformité sera suivie d’une action corrective ; pour une non-conformité majeure, avec une échéance.
        </p>
      </div>
      <div className="field">
        <label htmlFor="finding-fact">
          {label('fact')} <span className="required">(obligatoire)</span>
        </label>
        <textarea id="finding-fact" rows={4} maxLength={5000} value={values.fact} onChange={set('fact')} required aria-describedby="finding-fact-help" />
        <p id="finding-fact-help" className="muted">
          {help('fact')}
        </p>
      </div>
      <div className="field">
        <label htmlFor="finding-requirement">{label('requirement')}</label>
        <textarea id="finding-requirement" rows={2} maxLength={5000} value={values.requirement} onChange={set('requirement')} aria-describedby="finding-requirement-help" />
        <p id="finding-requirement-help" className="muted">
          {help('requirement')}
        </p>
      </div>
      {record.isError && (
        <p className="error" role="alert">
          Le constat n’a pas été enregistré : {record.error.message}
        </p>
      )}
      {done && (
        <p className="notice success" role="status">
          {done}
        </p>
      )}
      <div className="audit-buttons">
        <button type="submit" disabled={record.isPending}>
          Soumettre au référent qualité
        </button>
        <button type="button" className="secondary" disabled={record.isPending} onClick={() => send(false)()}>
          Enregistrer en brouillon
        </button>
      </div>
    </form>
  );
}

/** The service's evaluations, read-only: result, state, the auditor's reading and the evidence. */
function Evaluations({ evaluations }: { evaluations: AuditedEvaluation[] }) {
  const labels = useLabels();
  if (!evaluations.length) return <p className="muted">Aucune évaluation de ce service dans la campagne.</p>;
  return (
    <ul className="audit-evaluations">
      {evaluations.map((e) => (
        <li key={e.documentId} className="audit-evaluation">
          <h3>{e.criterion ? `${e.criterion.code} — ${e.criterion.title}` : fieldLabel(labels, 'evaluation', 'criterion')}</h3>
          <p>
            {choiceLabel(labels, e.result)} · <span className="muted">{labels.states[e.workflowState] ?? e.workflowState}</span>
          </p>
          {e.findings && (
            <p>
              <span className="muted">{fieldLabel(labels, 'evaluation', 'findings')} :</span> {e.findings}
            </p>
          )}
          <p>
            <span className="muted">{fieldLabel(labels, 'evaluation', 'evidence')} :</span>{' '}
            {e.evidence?.length
              ? e.evidence.map((file, i) => (
                  <span key={file.id}>
                    {i > 0 && ', '}
                    <a href={file.url} download={file.name}>
                      {file.name}
                    </a>
                  </span>
                ))
              : 'aucune'}
          </p>
        </li>
      ))}
    </ul>
  );
}

/**
 * « Ma mission d’audit » (/audit), the external auditor's home: the audited campaign and its
 * services for the mission's dates; a service's evaluations read-only; the finding form; their
 * findings with « Soumettre » for the drafts.
 */
export default function AuditorHomePage() {
  const labels = useLabels();
  const mandate = useMandate();
  const [chosen, setChosen] = useState('');
  const service = chosen || mandate.data?.services[0]?.documentId || '';
  const evaluations = useAuditedEvaluations(service);
  const findings = useFindings();
  const step = useFindingStep();
  useTitleFocus(!mandate.isPending);
  if (mandate.isPending) return <Loading />;
  if (mandate.isError)
    return (
      <section>
        <h1 tabIndex={-1}>Ma mission d’audit</h1>
        <ErrorMessage error={mandate.error} />
      </section>
    );
  const { campaign, services, start, end } = mandate.data;
  const mine = (findings.data ?? []).filter((f) => f.service?.documentId === service);
  return (
    <section>
      <h1 tabIndex={-1}>Ma mission d’audit</h1>
      <div className="audit-mission">
        <p>
          <strong>{campaign.name}</strong>
        </p>
        <p>
          Mission du {formatDate(start)} au {formatDate(end)}.
        </p>
        <p>Vous lisez les évaluations, les entretiens (sans leurs notes), les preuves et les actions de la feuille de route des services audités, et vous rédigez vos constats.</p>
      </div>
      <div className="audit-filters">
        <div>
          <label htmlFor="audit-service">{fieldLabel(labels, TYPE, 'service')}</label>
          <select id="audit-service" value={service} onChange={(e) => setChosen(e.target.value)}>
            {services.map((s) => (
              <option key={s.documentId} value={s.documentId}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      {evaluations.isPending ? (
        <Loading />
      ) : evaluations.isError ? (
        <ErrorMessage error={evaluations.error} />
      ) : (
        <>
          <FindingForm key={service} service={service} evaluations={evaluations.data} />
          <section aria-labelledby="mes-constats">
            <h2 id="mes-constats">
              Mes constats <span className="muted">({countOf(mine.length, 'constat')})</span>
            </h2>
            {step.isError && (
              <p className="error" role="alert">
                {step.error.message}
              </p>
            )}
            {mine.length ? (
              <ul className="finding-cards">
                {mine.map((f) => (
                  <FindingCard key={f.documentId} finding={f}>
                    {f.workflowState === 'draft' && (
                      <div className="audit-buttons">
                        <button type="button" disabled={step.isPending} onClick={() => step.mutate({ documentId: f.documentId, action: 'submit' })}>
                          {labels.actions.submit}
                        </button>
                      </div>
                    )}
                  </FindingCard>
                ))}
              </ul>
            ) : (
              <p className="muted">Aucun constat pour ce service.</p>
            )}
          </section>
          <section aria-labelledby="evaluations-auditees">
            <h2 id="evaluations-auditees">
              Évaluations du service <span className="muted">({countOf(evaluations.data.length, 'engagement')})</span>
            </h2>
            <Evaluations evaluations={evaluations.data} />
          </section>
        </>
      )}
    </section>
  );
}
