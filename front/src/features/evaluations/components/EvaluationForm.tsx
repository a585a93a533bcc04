import { useState, type FormEvent } from 'react';
import { RESULT_LABELS } from '../../../lib/format';
import { useUpdateDocument, type WorkflowDocument } from '../../../lib/documents';
import { useAddEvidence, useRemoveEvidence } from '../api/evidence';
import { PrefilledNotice } from './PrefilledNotice';

const TEXT_FIELDS = [
  { name: 'findings', label: 'Constats', help: 'Ce qui a été observé et vérifié (entretiens, documents, visite).' },
  { name: 'strengths', label: 'Points forts', help: '' },
  { name: 'gaps', label: 'Écarts', help: 'Ce qui manque pour tenir l’engagement.' },
  { name: 'recommendation', label: 'Recommandation', help: 'L’action proposée, qui pourra rejoindre la feuille de route.' },
] as const;

type Values = Record<'result' | (typeof TEXT_FIELDS)[number]['name'], string>;

/** Editing a draft evaluation: result, findings, strengths, gaps, recommendation and evidence files. */
export function EvaluationForm({ evaluation }: { evaluation: WorkflowDocument }) {
  const update = useUpdateDocument('evaluations', evaluation.documentId);
  const evidence: { id: number; name: string; url: string }[] = evaluation.evidence ?? [];
  const ids = evidence.map((f) => f.id);
  const addEvidence = useAddEvidence(evaluation.documentId, ids);
  const removeEvidence = useRemoveEvidence(evaluation.documentId, ids);
  const [values, setValues] = useState<Values>({
    result: evaluation.result ?? 'non-evalue',
    findings: evaluation.findings ?? '',
    strengths: evaluation.strengths ?? '',
    gaps: evaluation.gaps ?? '',
    recommendation: evaluation.recommendation ?? '',
  });
  const [saved, setSaved] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    update.mutate(values, { onSuccess: () => setSaved(true) });
  };

  return (
    <form className="evaluation-form" onSubmit={submit} aria-labelledby="edit-title">
      <h2 id="edit-title">Modifier le brouillon</h2>
      <PrefilledNotice prefilled={evaluation.prefilled} />
      <div className="field">
        <label htmlFor="result">Résultat</label>
        <select id="result" value={values.result} onChange={(e) => setValues({ ...values, result: e.target.value })}>
          {Object.entries(RESULT_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      {TEXT_FIELDS.map((field) => (
        <div className="field" key={field.name}>
          <label htmlFor={field.name}>{field.label}</label>
          <textarea
            id={field.name}
            rows={4}
            maxLength={20000}
            value={values[field.name]}
            onChange={(e) => setValues({ ...values, [field.name]: e.target.value })}
            aria-describedby={field.help ? `${field.name}-help` : undefined}
          />
          {field.help && (
            <p id={`${field.name}-help`} className="muted">
              {field.help}
            </p>
          )}
        </div>
      ))}
      {update.isError && (
        <p className="error" role="alert">
          {update.error.message}
        </p>
      )}
      {saved && (
        <p className="success" role="status">
          Modifications enregistrées.
        </p>
      )}
      <button type="submit" className="primary" disabled={update.isPending}>
        {update.isPending ? 'Enregistrement…' : 'Enregistrer'}
      </button>

      <fieldset className="evidence">
        <legend>Preuves jointes</legend>
        {evidence.length === 0 && <p className="muted">Aucune preuve jointe.</p>}
        <ul>
          {evidence.map((file) => (
            <li key={file.id}>
              <a href={file.url} target="_blank" rel="noreferrer">
                {file.name}
              </a>{' '}
              <button type="button" className="link" onClick={() => removeEvidence.mutate(file.id)} disabled={removeEvidence.isPending}>
                Retirer<span className="visually-hidden"> {file.name}</span>
              </button>
            </li>
          ))}
        </ul>
        <label htmlFor="evidence-files">Ajouter des fichiers (PDF, images, documents)</label>
        <input
          id="evidence-files"
          type="file"
          multiple
          onChange={(e) => {
            const files = [...(e.target.files ?? [])];
            if (files.length) addEvidence.mutate(files, { onSettled: () => (e.target.value = '') });
          }}
        />
        {addEvidence.isPending && (
          <p role="status" className="loading">
            Envoi des fichiers…
          </p>
        )}
        {addEvidence.isError && (
          <p className="error" role="alert">
            {addEvidence.error.message}
          </p>
        )}
      </fieldset>
    </form>
  );
}
