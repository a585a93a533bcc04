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
}

/** The workflow buttons the user may use on this document; a required comment opens a small form. */
export function TransitionButtons({ collection, documentId, state, serviceSlug }: Props) {
  // Those that change fields besides the state (a roadmap action's follow-up) have their own form.
  const transitions = useAvailableTransitions(collection, state, serviceSlug).transitions.filter((t) => t.updates.length === 0);
  const labels = useLabels();
  const mutation = useTransition(collection, documentId);
  const [asking, setAsking] = useState<TransitionDefinition | null>(null);
  const [comment, setComment] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const commentRef = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    if (asking) commentRef.current?.focus();
  }, [asking]);

  const run = (transition: TransitionDefinition, text?: string) => {
    setDone(null);
    mutation.mutate(
      { action: transition.action, ...(text ? { comment: text } : {}) },
      {
        onSuccess: () => {
          setDone(`${labels.actions[transition.action] ?? transition.action} : c’est fait. Nouvel état : ${labels.states[transition.to] ?? transition.to}.`);
          setAsking(null);
          setComment('');
        },
      },
    );
  };

  const submitComment = (event: FormEvent) => {
    event.preventDefault();
    if (asking && comment.trim()) run(asking, comment.trim());
  };

  const error = mutation.error instanceof ApiError ? mutation.error : null;
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
      {transitions.length === 0 && !done && <p className="muted">Aucune action ne vous est ouverte sur cette fiche dans son état actuel.</p>}
      {!asking && transitions.length > 0 && (
        <div className="buttons">
          {transitions.map((t) => (
            <button
              key={`${t.action}-${t.from}`}
              type="button"
              className={t.action === 'reject' || t.action === 'reopen' ? 'secondary' : 'primary'}
              disabled={mutation.isPending}
              onClick={() => (t.commentRequired ? setAsking(t) : run(t))}
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
            <button type="submit" className="primary" disabled={!comment.trim() || mutation.isPending}>
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
