import { SCALE_LABELS, type AnswerValue, type SurveyQuestion } from '@charte/contract';

interface Props {
  question: SurveyQuestion;
  index: number;
  value: AnswerValue | undefined;
  error: string | undefined;
  maxTextLength: number;
  onChange: (value: AnswerValue | undefined) => void;
  /** The button that clears an optional answer: the respondent's « ma réponse », staff's « la réponse ». */
  clearLabel?: string;
}

export const fieldId = (question: SurveyQuestion) => `question-${question.id}`;

function RequiredMark({ required }: { required?: boolean }) {
  return required ? <span className="muted"> (obligatoire)</span> : <span className="muted"> (facultatif)</span>;
}

/**
 * One question of the public form: a fieldset whose legend is the question, with a radio group
 * (arrow keys move between answers) or a text area; its error is tied to it by aria-describedby.
 */
export function QuestionField({ question, index, value, error, maxTextLength, onChange, clearLabel = 'Effacer ma réponse' }: Props) {
  const id = fieldId(question);
  const errorId = `${id}-erreur`;
  const describedBy = error ? errorId : undefined;
  const errorText = error && (
    <p id={errorId} className="error">
      {error}
    </p>
  );

  if (question.kind === 'text') {
    const text = typeof value === 'string' ? value : '';
    return (
      <div className="survey-question field">
        <label htmlFor={id}>
          {index + 1}. {question.label}
          <RequiredMark required={question.required} />
        </label>
        {errorText}
        <textarea
          id={id}
          rows={4}
          value={text}
          maxLength={maxTextLength}
          aria-invalid={error ? true : undefined}
          aria-describedby={[describedBy, `${id}-compte`].filter(Boolean).join(' ')}
          onChange={(event) => onChange(event.target.value)}
        />
        <p id={`${id}-compte`} className="muted">
          {text.length} / {maxTextLength} caractères
        </p>
      </div>
    );
  }

  const choices: { value: AnswerValue; label: string }[] =
    question.kind === 'scale-1-4'
      ? ([4, 3, 2, 1] as const).map((n) => ({ value: n, label: SCALE_LABELS[n] }))
      : question.kind === 'yes-no'
        ? [
            { value: true, label: 'Oui' },
            { value: false, label: 'Non' },
          ]
        : (question.options ?? []).map((option) => ({ value: option, label: option }));

  return (
    <fieldset className="survey-question" id={id} aria-describedby={describedBy} tabIndex={-1}>
      <legend>
        {index + 1}. {question.label}
        <RequiredMark required={question.required} />
      </legend>
      {errorText}
      <div className={question.kind === 'choice' ? 'survey-choices vertical' : 'survey-choices'}>
        {choices.map((choice, i) => {
          const inputId = `${id}-${i}`;
          return (
            <span key={String(choice.value)} className="survey-choice">
              <input
                type="radio"
                id={inputId}
                name={id}
                checked={value === choice.value}
                aria-invalid={error ? true : undefined}
                onChange={() => onChange(choice.value)}
              />
              <label htmlFor={inputId}>{choice.label}</label>
            </span>
          );
        })}
      </div>
      {!question.required && value !== undefined && (
        <button type="button" className="link" onClick={() => onChange(undefined)}>
          {clearLabel}
        </button>
      )}
    </fieldset>
  );
}
