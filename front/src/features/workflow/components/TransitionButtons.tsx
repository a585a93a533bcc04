import type { TransitionDefinition } from '@charte/contract';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../../../lib/api-client';
import { useLabels } from '../../../lib/labels';
import { useAvailableTransitions, useTransition } from '../api/workflow';

interface Props {
  collection: string;
  documentId: string;
  state: string;
  serviceSlug?: string;
  /**
   * Edits typed on the page and not saved yet: saved before any action, so that the action applies
   * to what the user sees (submitting the last saved version would drop the typing). A failed save
   * stops the action.
   */
  saveFirst?: () => Promise<unknown>;
}

/** The workflow buttons the user may use on this document; a required comment opens a small form. */
export function TransitionButtons({ collection, documentId, state, serviceSlug, saveFirst }: Props) {
  // Those that change fields besides the state (a roadmap action's follow-up) have their own form.
  const transitions = useAvailableTransitions(collection, state, serviceSlug).transitions.filter((t) => t.updates.length === 0);
  const labels = useLabels();
  const mutation = useTransition(collection, documentId);
  const [asking, setAsking] = useState<TransitionDefinition | null>(null);
  const [comment, setComment] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [saveFailed, setSaveFailed] = useState<string | null>(null);
  const commentRef = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    if (asking) commentRef.current?.focus();
  }, [asking]);

  const run = async (transition: TransitionDefinition, text?: string) => {
    setDone(null);
    setSaveFailed(null);
    mutation.reset();
    const actionLabel = labels.actions[transition.action] ?? transition.action;
    if (saveFirst) {
      setSaving(true);
      try {
        await saveFirst();
      } catch (error) {
        const reason = error instanceof Error ? ` (${error.message})` : '';
        setSaveFailed(`Vos modifications n’ont pas pu être enregistrées${reason} : « ${actionLabel} » n’a pas été fait. Corrigez la fiche, puis recommencez.`);
        return;
      } finally {
        setSaving(false);
      }
    }
    mutation.mutate(
      { action: transition.action, ...(text ? { comment: text } : {}) },
      {
        onSuccess: () => {
          setDone(`${actionLabel} : c’est fait. Nouvel état : ${labels.states[transition.to] ?? transition.to}.`);
          setAsking(null);
          setComment('');
        },
      },
    );
  };

  const submitComment = (event: FormEvent) => {
    event.preventDefault();
    if (asking && comment.trim()) void run(asking, comment.trim());
  };

  const error = mutation.error instanceof ApiError ? mutation.error : null;
  const busy = saving || mutation.isPending;
  return (
    <div className="transitions">
      {done && (
        <p className="success" role="status">
          {done}
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          {error.status === 409 ? `${error.message} L’affichage a été mis à jour.` : error.message}
        </p>
      )}
      {saveFailed && (
        <p className="error" role="alert">
          {saveFailed}
        </p>
      )}
      {saving && (
        <p className="loading" role="status">
          Enregistrement de vos modifications…
        </p>
      )}
      {saveFirst && !saving && transitions.length > 0 && <p className="muted">Vos modifications non enregistrées le seront avant l’action.</p>}
      {transitions.length === 0 && !done && <p className="muted">Aucune action ne vous est ouverte sur cette fiche dans son état actuel.</p>}
      {!asking && transitions.length > 0 && (
        <div className="buttons">
          {transitions.map((t) => (
            <button
              key={`${t.action}-${t.from}`}
              type="button"
              className={t.action === 'reject' || t.action === 'reopen' ? 'secondary' : 'primary'}
              disabled={busy}
              onClick={() => (t.commentRequired ? setAsking(t) : void run(t))}
            >
              {labels.actions[t.action] ?? t.action}
            </button>
          ))}
        </div>
      )}
      {asking && (
        <form className="comment-form" onSubmit={submitComment}>
          <label htmlFor="transition-comment">
            Commentaire pour « {labels.actions[asking.action]} » <span className="required">(obligatoire)</span>
          </label>
          <textarea
            id="transition-comment"
            ref={commentRef}
            rows={3}
            required
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            aria-describedby="transition-comment-help"
          />
          <p id="transition-comment-help" className="muted">
            Expliquez ce qui doit être repris : le rédacteur le recevra par courriel.
          </p>
          <div className="buttons">
            <button type="submit" className="primary" disabled={!comment.trim() || busy}>
              Confirmer : {labels.actions[asking.action]}
            </button>
            <button type="button" className="secondary" onClick={() => setAsking(null)}>
              Annuler
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
