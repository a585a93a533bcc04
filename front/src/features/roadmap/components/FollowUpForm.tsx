import { choiceLabel, fieldLabel, ROADMAP_STATUSES, type TransitionDefinition } from '@charte/contract';
import { useState, type FormEvent } from 'react';
import type { WorkflowDocument } from '../../../lib/documents';
import { useLabels } from '../../../lib/labels';

/** The follow-up as the workflow's transition request carries it. */
export interface FollowUp {
  action: string;
  comment: string;
  changes: { actionStatus: string; progress: number };
}

interface Props {
  action: WorkflowDocument;
  transition: TransitionDefinition;
  /** Sends the follow-up (the item page's workflow transition); `done` runs once it is recorded. */
  report: (followUp: FollowUp, done: () => void) => void;
  pending: boolean;
  error: Error | null;
}

/**
 * « Faire le point » on an approved action: its status and progress with a dated comment, which the
 * history keeps (config/workflows.yaml, `updates`). The content stays as approved.
 */
export function FollowUpForm({ action, transition, report, pending, error }: Props) {
  const labels = useLabels();
  const [status, setStatus] = useState<string>(action.actionStatus ?? 'a-lancer');
  const [progress, setProgress] = useState(String(action.progress ?? 0));
  const [comment, setComment] = useState('');
  const [done, setDone] = useState(false);
  const label = (field: string) => fieldLabel(labels, 'roadmap-action', field);
  const actionLabel = labels.actions[transition.action] ?? transition.action;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setDone(false);
    // An action reported done is done entirely: the bar and the status say the same.
    const value = status === 'abouti' ? 100 : Number(progress);
    report({ action: transition.action, comment: comment.trim(), changes: { actionStatus: status, progress: value } }, () => {
      setDone(true);
      setComment('');
      setProgress(String(value));
    });
  };

  return (
    <form className="follow-up-form panel" onSubmit={submit} aria-labelledby="follow-up-title">
      <h2 id="follow-up-title">{actionLabel}</h2>
      <p className="muted">L’action est approuvée : son contenu ne change plus, mais son statut et son avancement se mettent à jour ici. Chaque point est daté dans l’historique.</p>
      <div className="field-row">
        <div className="field">
          <label htmlFor="follow-up-status">{label('actionStatus')}</label>
          <select id="follow-up-status" value={status} onChange={(e) => setStatus(e.target.value)}>
            {ROADMAP_STATUSES.map((s) => (
              <option key={s} value={s}>
                {choiceLabel(labels, s)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="follow-up-progress">{label('progress')}</label>
          <input
            id="follow-up-progress"
            type="number"
            min={0}
            max={100}
            step={5}
            required
            value={status === 'abouti' ? '100' : progress}
            disabled={status === 'abouti'}
            onChange={(e) => setProgress(e.target.value)}
          />
        </div>
      </div>
      <div className="field">
        <label htmlFor="follow-up-comment">
          Où en est l’action ? <span className="required">(obligatoire)</span>
        </label>
        <textarea id="follow-up-comment" rows={3} required maxLength={5000} value={comment} onChange={(e) => setComment(e.target.value)} />
      </div>
      {error && (
        <p className="error" role="alert">
          {error.message}
        </p>
      )}
      {done && (
        <p className="success" role="status">
          Point enregistré : {choiceLabel(labels, status).toLowerCase()}, {status === 'abouti' ? 100 : progress} %.
        </p>
      )}
      <button type="submit" className="primary" disabled={!comment.trim() || pending}>
        {pending ? 'Enregistrement…' : 'Enregistrer le point'}
      </button>
    </form>
  );
}
