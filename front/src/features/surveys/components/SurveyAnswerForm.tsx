import { HONEYPOT_FIELD, type AnswerValue, type ServiceRef, type SurveyAnswerRequest, type SurveyQuestion } from '@charte/contract';
import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { fieldId, QuestionField } from './QuestionField';

/** What the browser checks before sending; the server checks the same and has the last word. */
function localErrors(questions: SurveyQuestion[], answers: Record<string, AnswerValue | undefined>): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const question of questions) {
    const value = answers[question.id];
    const blank = value === undefined || (typeof value === 'string' && value.trim() === '');
    if (question.required && blank) errors[question.id] = 'Cette question est obligatoire : choisissez une réponse.';
  }
  return errors;
}

const firstInputOf = (question: SurveyQuestion) => (question.kind === 'text' ? fieldId(question) : `${fieldId(question)}-0`);

interface Props {
  questions: SurveyQuestion[];
  maxTextLength: number;
  /** The service the survey is about (per-service survey), or the ones the respondent may name. */
  service: ServiceRef | null;
  services: ServiceRef[];
  serviceLabel: string;
  noService: string;
  /** Said before the questions: how the answer is kept anonymous. */
  note: ReactNode;
  /** The public form's trap for robots (left out for staff, who are logged in). */
  honeypot: boolean;
  /** Sends the answer; resolves to the French message shown once it is recorded. */
  send: (body: SurveyAnswerRequest & { [HONEYPOT_FIELD]?: string }) => Promise<string>;
  pending: boolean;
  error: Error | null;
  /** Shown under the message once the answer is recorded. */
  done: ReactNode;
}

/**
 * The answer form of a survey, public or for staff: the service, each question, a summary of what
 * is missing (focused, with links to each question) and the server's refusal in French.
 */
export function SurveyAnswerForm({ questions, maxTextLength, service: fixed, services, serviceLabel, noService, note, honeypot: withHoneypot, send, pending, error, done }: Props) {
  const [answers, setAnswers] = useState<Record<string, AnswerValue | undefined>>({});
  const [service, setService] = useState(fixed?.documentId ?? '');
  const [message, setMessage] = useState<string | null>(null);
  const [honeypot, setHoneypot] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const summaryRef = useRef<HTMLDivElement>(null);
  const doneRef = useRef<HTMLHeadingElement>(null);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const found = localErrors(questions, answers);
    setErrors(found);
    if (Object.keys(found).length) {
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    const given = Object.fromEntries(Object.entries(answers).filter((entry): entry is [string, AnswerValue] => entry[1] !== undefined && entry[1] !== ''));
    try {
      setMessage(await send({ answers: given, ...(service ? { service } : {}), ...(honeypot ? { [HONEYPOT_FIELD]: honeypot } : {}) }));
      requestAnimationFrame(() => doneRef.current?.focus());
    } catch {
      requestAnimationFrame(() => summaryRef.current?.focus());
    }
  };

  if (message !== null) {
    return (
      <div role="status" className="notice">
        <h2 ref={doneRef} tabIndex={-1}>
          {message}
        </h2>
        {done}
      </div>
    );
  }

  const listed = questions.filter((q) => errors[q.id]);
  return (
    <form className="survey-form" onSubmit={onSubmit} noValidate aria-describedby="survey-anonymous">
      <p id="survey-anonymous" className="muted">
        {note}
      </p>
      {(listed.length > 0 || error) && (
        <div ref={summaryRef} className="error-summary" role="alert" tabIndex={-1}>
          {listed.length > 0 ? (
            <>
              <p className="error">Votre réponse n’a pas été envoyée : {listed.length === 1 ? 'une question est à compléter' : `${listed.length} questions sont à compléter`}.</p>
              <ul>
                {listed.map((q) => (
                  <li key={q.id}>
                    <a href={`#${firstInputOf(q)}`}>{q.label}</a>
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p className="error">{error?.message}</p>
          )}
        </div>
      )}

      {fixed ? (
        <p>
          Cette enquête porte sur le service <strong>{fixed.name}</strong>.
        </p>
      ) : (
        services.length > 0 && (
          <div className="field">
            <label htmlFor="survey-service">
              {serviceLabel} <span className="muted">(facultatif)</span>
            </label>
            <select id="survey-service" value={service} onChange={(event) => setService(event.target.value)}>
              <option value="">{noService}</option>
              {services.map((s) => (
                <option key={s.documentId} value={s.documentId}>
                  {s.name}
                </option>
              ))}
            </select>
          </div>
        )
      )}

      {questions.map((question, index) => (
        <QuestionField
          key={question.id}
          question={question}
          index={index}
          value={answers[question.id]}
          error={errors[question.id]}
          maxTextLength={maxTextLength}
          onChange={(value) => {
            setAnswers((current) => ({ ...current, [question.id]: value }));
            if (errors[question.id]) setErrors(({ [question.id]: _fixed, ...rest }) => rest);
          }}
        />
      ))}

      {/* Left empty by people (hidden from screen and keyboard); robots fill it in. */}
      {withHoneypot && (
        <div className="survey-honeypot" aria-hidden="true">
          <label htmlFor="survey-site-web">Site web (ne pas remplir)</label>
          <input id="survey-site-web" name={HONEYPOT_FIELD} type="text" tabIndex={-1} autoComplete="off" value={honeypot} onChange={(event) => setHoneypot(event.target.value)} />
        </div>
      )}

      <button type="submit" className="primary" disabled={pending}>
        {pending ? 'Envoi en cours…' : 'Envoyer mes réponses'}
      </button>
    </form>
  );
}

