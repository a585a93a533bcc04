import { choiceLabel, QUESTION_KINDS, SCALE_LABELS, type ModelLabels, type QuestionKind } from '@charte/contract';
import type { Ref } from 'react';

/** A question as the editor holds it: `options` as typed (one choice a line), `key` stable across moves. */
export interface EditedQuestion {
  key: string;
  /** Set once the cms has named the question; answers are stored under it. */
  id?: string;
  kind: QuestionKind;
  label: string;
  required: boolean;
  options: string;
}

interface Props {
  question: EditedQuestion;
  index: number;
  count: number;
  /** The survey has answers and this question is one of them: its kind and choices stay, it cannot be removed. */
  frozen: boolean;
  labels: ModelLabels;
  headingRef: Ref<HTMLHeadingElement>;
  upRef: Ref<HTMLButtonElement>;
  downRef: Ref<HTMLButtonElement>;
  onChange: (question: EditedQuestion) => void;
  onMove: (direction: -1 | 1) => void;
  onRemove: () => void;
}

const scaleText = ([4, 3, 2, 1] as const).map((n) => `${n} – ${SCALE_LABELS[n]}`).join(', ');

/** One question of the editor: its kind, label, « obligatoire », choices, and the buttons that move or remove it. */
export function QuestionEditor({ question, index, count, frozen, labels, headingRef, upRef, downRef, onChange, onMove, onRemove }: Props) {
  const base = `question-${question.key}`;
  const headingId = `${base}-titre`;
  const n = index + 1;
  return (
    <li>
      {/* The group is inside the item: a list item keeps its role (axe « list »). */}
      <div className="question-card" role="group" aria-labelledby={headingId}>
        <h3 id={headingId} ref={headingRef} tabIndex={-1}>
          Question {n} sur {count}
        </h3>
        {frozen && (
          <p id={`${base}-fige`} className="frozen-note">
            Des réponses existent déjà : cette question ne peut plus être retirée ni changer de type
            {question.kind === 'choice' ? ', et ses choix ne peuvent plus être retirés ni renommés (on peut en ajouter)' : ''}.
          </p>
        )}
        <div className="field">
          <label htmlFor={`${base}-intitule`}>Intitulé de la question</label>
          <input id={`${base}-intitule`} type="text" maxLength={300} value={question.label} onChange={(event) => onChange({ ...question, label: event.target.value })} />
        </div>
        <div className="field">
          <label htmlFor={`${base}-type`}>Type de réponse</label>
          <select
            id={`${base}-type`}
            value={question.kind}
            disabled={frozen}
            aria-describedby={frozen ? `${base}-fige ${base}-aide` : `${base}-aide`}
            onChange={(event) => onChange({ ...question, kind: event.target.value as QuestionKind })}
          >
            {QUESTION_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {choiceLabel(labels, kind)}
              </option>
            ))}
          </select>
          <p id={`${base}-aide`} className="muted">
            {question.kind === 'scale-1-4' && `Réponses proposées : ${scaleText}. Les notes 3 et 4 comptent comme satisfaites.`}
            {question.kind === 'yes-no' && 'Réponses proposées : Oui, Non. « Oui » compte comme satisfait.'}
            {question.kind === 'choice' && 'Une seule réponse parmi les choix ci-dessous ; comptée à part, hors de la part de satisfaits.'}
            {question.kind === 'text' && 'Texte libre, lisible et filtrable dans la page des résultats ; hors de la part de satisfaits.'}
          </p>
        </div>
        {question.kind === 'choice' && (
          <div className="field">
            <label htmlFor={`${base}-choix`}>Choix proposés, un par ligne (2 à 20)</label>
            <textarea
              id={`${base}-choix`}
              rows={4}
              value={question.options}
              aria-describedby={frozen ? `${base}-fige` : undefined}
              onChange={(event) => onChange({ ...question, options: event.target.value })}
            />
          </div>
        )}
        <div className="checkbox">
          <input id={`${base}-obligatoire`} type="checkbox" checked={question.required} onChange={(event) => onChange({ ...question, required: event.target.checked })} />
          <label htmlFor={`${base}-obligatoire`}>Réponse obligatoire</label>
        </div>
        <div className="buttons">
          <button type="button" ref={upRef} disabled={index === 0} onClick={() => onMove(-1)}>
            Monter<span className="visually-hidden"> la question {n}</span>
          </button>
          <button type="button" ref={downRef} disabled={index === count - 1} onClick={() => onMove(1)}>
            Descendre<span className="visually-hidden"> la question {n}</span>
          </button>
          <button type="button" disabled={frozen || count === 1} aria-describedby={frozen ? `${base}-fige` : undefined} onClick={onRemove}>
            Retirer<span className="visually-hidden"> la question {n}</span>
          </button>
        </div>
      </div>
    </li>
  );
}
