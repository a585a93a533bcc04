import { HONEYPOT_FIELD, type AnswerValue, type PublicSurveyForm, type SurveyQuestion } from '@charte/contract';
import { useRef, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ErrorMessage, Loading } from '../../../components/Loading';
import { useTitleFocus } from '../../../hooks/useTitleFocus';
import { formatDate } from '../../../lib/format';
import { usePublicSurvey, useSubmitSurveyResponse } from '../api/surveys';
import { fieldId, QuestionField } from '../components/QuestionField';
import '../survey.css';
import { useLabels } from '../../../lib/labels';

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

function SurveyForm({ survey }: { survey: PublicSurveyForm }) {
  const [answers, setAnswers] = useState<Record<string, AnswerValue | undefined>>({});
  const [service, setService] = useState(survey.service?.documentId ?? '');
  const [honeypot, setHoneypot] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const summaryRef = useRef<HTMLDivElement>(null);
  const doneRef = useRef<HTMLHeadingElement>(null);
  const submit = useSubmitSurveyResponse(survey.documentId);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const found = localErrors(survey.questions, answers);
    setErrors(found);
    if (Object.keys(found).length) {
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    const given = Object.fromEntries(Object.entries(answers).filter((entry): entry is [string, AnswerValue] => entry[1] !== undefined && entry[1] !== ''));
    try {
      await submit.mutateAsync({ answers: given, ...(service ? { service } : {}), ...(honeypot ? { [HONEYPOT_FIELD]: honeypot } : {}) });
      requestAnimationFrame(() => doneRef.current?.focus());
    } catch {
      requestAnimationFrame(() => summaryRef.current?.focus());
    }
  };

  if (submit.isSuccess) {
    return (
      <div role="status" className="notice">
        <h2 ref={doneRef} tabIndex={-1}>
          {submit.data}
        </h2>
        <p>Vos réponses sont anonymes : elles nous aident à améliorer l’accueil du public.</p>
        <p>
          <Link to="/enquetes">Voir les autres enquêtes ouvertes</Link>
        </p>
      </div>
    );
  }

  const listed = survey.questions.filter((q) => errors[q.id]);
  return (
    <form className="survey-form" onSubmit={onSubmit} noValidate aria-describedby="survey-anonymous">
      <p id="survey-anonymous" className="muted">
        Répondre prend deux minutes. Vos réponses sont anonymes : nous n’enregistrons ni votre nom ni votre adresse internet. N’écrivez pas dans les
        commentaires d’informations qui permettraient de vous reconnaître. <Link to="/confidentialite">Vos données et vos droits</Link>
      </p>
      {(listed.length > 0 || submit.isError) && (
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
            <p className="error">{submit.error?.message}</p>
          )}
        </div>
      )}

      {survey.service ? (
        <p>
          Cette enquête porte sur le service <strong>{survey.service.name}</strong>.
        </p>
      ) : (
        survey.services.length > 0 && (
          <div className="field">
            <label htmlFor="survey-service">
              Service concerné par votre démarche <span className="muted">(facultatif)</span>
            </label>
            <select id="survey-service" value={service} onChange={(event) => setService(event.target.value)}>
              <option value="">Je ne sais pas / plusieurs services</option>
              {survey.services.map((s) => (
                <option key={s.documentId} value={s.documentId}>
                  {s.name}
                </option>
              ))}
            </select>
          </div>
        )
      )}

      {survey.questions.map((question, index) => (
        <QuestionField
          key={question.id}
          question={question}
          index={index}
          value={answers[question.id]}
          error={errors[question.id]}
          maxTextLength={survey.maxTextLength}
          onChange={(value) => {
            setAnswers((current) => ({ ...current, [question.id]: value }));
            if (errors[question.id]) setErrors(({ [question.id]: _fixed, ...rest }) => rest);
          }}
        />
      ))}

      {/* Left empty by people (hidden from screen and keyboard); robots fill it in. */}
      <div className="survey-honeypot" aria-hidden="true">
        <label htmlFor="survey-site-web">Site web (ne pas remplir)</label>
        <input id="survey-site-web" name={HONEYPOT_FIELD} type="text" tabIndex={-1} autoComplete="off" value={honeypot} onChange={(event) => setHoneypot(event.target.value)} />
      </div>

      <button type="submit" className="primary" disabled={submit.isPending}>
        {submit.isPending ? 'Envoi en cours…' : 'Envoyer mes réponses'}
      </button>
    </form>
  );
}

/** The public page of one survey (/enquete/:documentId), answered without an account. */
export default function PublicSurveyPage() {
  const { documentId = '' } = useParams();
  const survey = usePublicSurvey(documentId);
  const labels = useLabels();
  useTitleFocus(!survey.isPending);
  if (survey.isPending) return <Loading />;
  if (survey.isError) {
    return (
      <section>
        <h1 tabIndex={-1}>{labels.types.survey.label}</h1>
        <ErrorMessage error={survey.error} />
        <p>
          <Link to="/enquetes">Voir les enquêtes ouvertes</Link>
        </p>
      </section>
    );
  }
  const data = survey.data;
  return (
    <section>
      <h1 tabIndex={-1}>{data.title}</h1>
      {data.description && <p className="lead">{data.description}</p>}
      {data.status === 'open' ? (
        <>
          {data.closesAt && <p>Vous pouvez répondre jusqu’au {formatDate(data.closesAt)} inclus.</p>}
          <SurveyForm survey={data} />
        </>
      ) : (
        <>
          <p className="notice" role="status">
            {data.message}
          </p>
          <p>
            <Link to="/enquetes">Voir les enquêtes ouvertes</Link>
          </p>
        </>
      )}
    </section>
  );
}
