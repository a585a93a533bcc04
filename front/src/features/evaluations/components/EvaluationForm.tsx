import { choiceLabel, EVALUATION_RESULTS, fieldHelp, fieldLabel } from '@charte/contract';
import { useEffect, useState, type FormEvent } from 'react';
import { useUpdateDocument, type WorkflowDocument } from '../../../lib/documents';
import { useLabels } from '../../../lib/labels';
import { EvidenceField, type EvidenceFile } from '../../../components/Evidence';
import { PrefilledNotice } from './PrefilledNotice';

/** The text fields of an evaluation, in order; their labels and help lines come from the model map. */
const TEXT_FIELDS = ['findings', 'strengths', 'gaps', 'recommendation'] as const;

type Values = Record<'result' | (typeof TEXT_FIELDS)[number], string>;

/** What the form holds that the server does not have yet, and how to send it. */
export interface UnsavedChanges {
  save(): Promise<void>;
}

const sameValues = (a: Values, b: Values) => (Object.keys(a) as (keyof Values)[]).every((key) => a[key] === b[key]);

/**
 * Editing a draft evaluation: result, findings, strengths, gaps, recommendation and evidence files.
 * `onUnsavedChanges` hears whether typed text is not saved yet (null once it is), so that the page
 * can save it before a workflow action and warn before it is left.
 */
export function EvaluationForm({ evaluation, onUnsavedChanges }: { evaluation: WorkflowDocument; onUnsavedChanges?: (changes: UnsavedChanges | null) => void }) {
  const labels = useLabels();
  const update = useUpdateDocument('evaluations', evaluation.documentId);
  const evidence: EvidenceFile[] = evaluation.evidence ?? [];
  const [stored, setStored] = useState<Values>(() => ({
    result: evaluation.result ?? 'non-evalue',
    findings: evaluation.findings ?? '',
    strengths: evaluation.strengths ?? '',
    gaps: evaluation.gaps ?? '',
    recommendation: evaluation.recommendation ?? '',
  }));
  const [values, setValues] = useState<Values>(stored);
  const [saved, setSaved] = useState(false);
  const dirty = !sameValues(values, stored);
  const { mutateAsync } = update;

  useEffect(() => {
    onUnsavedChanges?.(
      dirty
        ? {
            save: async () => {
              await mutateAsync(values);
              setStored(values);
            },
          }
        : null,
    );
  }, [dirty, values, mutateAsync, onUnsavedChanges]);
  // Gone with the form (the sheet left the draft state): nothing left to save.
  useEffect(() => () => onUnsavedChanges?.(null), [onUnsavedChanges]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const sent = values;
    update.mutate(sent, {
      onSuccess: () => {
        setSaved(true);
        setStored(sent);
      },
    });
  };

  return (
    <form className="evaluation-form" onSubmit={submit} aria-labelledby="edit-title">
      <h2 id="edit-title">Modifier le brouillon</h2>
      <PrefilledNotice prefilled={evaluation.prefilled} />
      <div className="field">
        <label htmlFor="result">{fieldLabel(labels, 'evaluation', 'result')}</label>
        <select id="result" value={values.result} onChange={(e) => setValues({ ...values, result: e.target.value })}>
          {EVALUATION_RESULTS.map((value) => (
            <option key={value} value={value}>
              {choiceLabel(labels, value)}
            </option>
          ))}
        </select>
      </div>
      {TEXT_FIELDS.map((name) => {
        const help = fieldHelp(labels, 'evaluation', name);
        return (
          <div className="field" key={name}>
            <label htmlFor={name}>{fieldLabel(labels, 'evaluation', name)}</label>
            <textarea
              id={name}
              rows={4}
              maxLength={20000}
              value={values[name]}
              onChange={(e) => setValues({ ...values, [name]: e.target.value })}
              aria-describedby={help ? `${name}-help` : undefined}
            />
            {help && (
              <p id={`${name}-help`} className="muted">
                {help}
              </p>
            )}
          </div>
        );
      })}
      {update.isError && (
        <p className="error" role="alert">
          {update.error.message}
        </p>
      )}
      {saved && !dirty && (
        <p className="success" role="status">
          Modifications enregistrées.
        </p>
      )}
      {dirty && <p className="muted">Modifications non enregistrées.</p>}
      <button type="submit" className="primary" disabled={update.isPending}>
        {update.isPending ? 'Enregistrement…' : 'Enregistrer'}
      </button>

      <EvidenceField collection="evaluations" documentId={evaluation.documentId} files={evidence} type="evaluation" />
    </form>
  );
}
