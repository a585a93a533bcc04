import { fieldLabel, type AnswerValue, type PaperSurveyForm } from '@charte/contract';
import { useRef, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ErrorMessage, Loading } from '../../../components/Loading';
import { useTitleFocus } from '../../../hooks/useTitleFocus';
import { useLabels } from '../../../lib/labels';
import { useEnterPaper, usePaperForm } from '../api/surveys';
import { fieldId, QuestionField } from '../components/QuestionField';
import '../survey.css';

const SERVICE_FIELD = 'paper-service';

function PaperForm({ survey }: { survey: PaperSurveyForm }) {
  const labels = useLabels();
  const [answers, setAnswers] = useState<Record<string, AnswerValue | undefined>>({});
  const [service, setService] = useState(survey.service?.documentId ?? (survey.services.length === 1 && survey.serviceRequired ? survey.services[0].documentId : ''));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [entered, setEntered] = useState(0);
  const [done, setDone] = useState('');
  const summaryRef = useRef<HTMLDivElement>(null);
  const doneRef = useRef<HTMLParagraphElement>(null);
  const enter = useEnterPaper(survey.documentId);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setDone('');
    const found: Record<string, string> = {};
    if (survey.serviceRequired && !service) found[SERVICE_FIELD] = 'Choisissez le service concerné.';
    for (const question of survey.questions) {
      const value = answers[question.id];
      if (question.required && (value === undefined || (typeof value === 'string' && !value.trim()))) found[question.id] = 'Cette question est obligatoire : reportez la réponse du questionnaire.';
    }
    setErrors(found);
    if (Object.keys(found).length) {
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    const given = Object.fromEntries(Object.entries(answers).filter((entry): entry is [string, AnswerValue] => entry[1] !== undefined && entry[1] !== ''));
    try {
      const message = await enter.mutateAsync({ answers: given, ...(service && !survey.service ? { service } : {}) });
      const count = entered + 1;
      setEntered(count);
      setAnswers({});
      setDone(`${message} ${count > 1 ? `${count} questionnaires saisis depuis l’ouverture de cette page.` : 'Le formulaire est vide : vous pouvez saisir le suivant.'}`);
      requestAnimationFrame(() => doneRef.current?.focus());
    } catch {
      requestAnimationFrame(() => summaryRef.current?.focus());
    }
  };

  const serviceLabel = fieldLabel(labels, 'survey-response', 'service');
  const listed = [...(errors[SERVICE_FIELD] ? [{ id: SERVICE_FIELD, label: serviceLabel }] : []), ...survey.questions.filter((q) => errors[q.id]).map((q) => ({ id: fieldId(q), label: q.label }))];
  return (
    <form className="survey-form" onSubmit={onSubmit} noValidate>
      {done && (
        <p ref={doneRef} className="notice success" role="status" tabIndex={-1}>
          {done}
        </p>
      )}
      {(listed.length > 0 || enter.isError) && (
        <div ref={summaryRef} className="error-summary" role="alert" tabIndex={-1}>
          {listed.length > 0 ? (
            <>
              <p className="error">Le questionnaire n’a pas été enregistré : {listed.length === 1 ? 'une réponse est à compléter' : `${listed.length} réponses sont à compléter`}.</p>
              <ul>
                {listed.map((item) => (
                  <li key={item.id}>
                    <a href={`#${item.id}`}>{item.label}</a>
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p className="error">Le questionnaire n’a pas été enregistré : {enter.error?.message}</p>
          )}
        </div>
      )}

      {survey.service ? (
        <p>
          Cette enquête porte sur le service <strong>{survey.service.name}</strong>.
        </p>
      ) : (
        <div className="field">
          <label htmlFor={SERVICE_FIELD}>
            {serviceLabel} <span className="muted">{survey.serviceRequired ? '(obligatoire : vos services)' : '(facultatif)'}</span>
          </label>
          {errors[SERVICE_FIELD] && (
            <p id={`${SERVICE_FIELD}-erreur`} className="error">
              {errors[SERVICE_FIELD]}
            </p>
          )}
          <select
            id={SERVICE_FIELD}
            value={service}
            aria-invalid={errors[SERVICE_FIELD] ? true : undefined}
            aria-describedby={errors[SERVICE_FIELD] ? `${SERVICE_FIELD}-erreur` : undefined}
            onChange={(event) => {
              setService(event.target.value);
              setErrors(({ [SERVICE_FIELD]: _fixed, ...rest }) => rest);
            }}
          >
            <option value="">{survey.serviceRequired ? 'Choisissez un service' : 'Non précisé sur le questionnaire'}</option>
            {survey.services.map((s) => (
              <option key={s.documentId} value={s.documentId}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
      )}

      {survey.questions.map((question, index) => (
        <QuestionField
          key={`${entered}-${question.id}`}
          question={question}
          index={index}
          value={answers[question.id]}
          error={errors[question.id]}
          maxTextLength={survey.maxTextLength}
          clearLabel="Effacer la réponse"
          onChange={(value) => {
            setAnswers((current) => ({ ...current, [question.id]: value }));
            if (errors[question.id]) setErrors(({ [question.id]: _fixed, ...rest }) => rest);
          }}
        />
      ))}

      <button type="submit" className="primary" disabled={enter.isPending}>
        {enter.isPending ? 'Enregistrement…' : 'Enregistrer ce questionnaire'}
      </button>
    </form>
  );
}

/** Staff page to type in a paper questionnaire (/enquetes/papier/:documentId), through the public form's questions. */
export default function PaperEntryPage() {
  const { documentId = '' } = useParams();
  const form = usePaperForm(documentId);
  const labels = useLabels();
  useTitleFocus(!form.isPending);
  return (
    <section>
      <p className="breadcrumb">
        <Link to="/enquetes/resultats">{labels.types.survey.plural}</Link>
      </p>
      <h1 tabIndex={-1}>Saisir un questionnaire papier{form.data ? ` — ${form.data.title}` : ''}</h1>
      {form.isPending ? (
        <Loading />
      ) : form.isError ? (
        <ErrorMessage error={form.error} />
      ) : (
        <>
          <p>
            Reportez les réponses d’un questionnaire rempli sur papier, telles qu’elles sont écrites. Il sera compté dans les résultats comme réponse « papier ».
            Votre compte est enregistré avec la saisie mais n’apparaît dans aucun résultat. Laissez vides les questions sans réponse.
          </p>
          {form.data.status === 'closed' && <p className="notice">L’enquête est close : vous pouvez encore saisir les questionnaires reçus avant sa clôture.</p>}
          <PaperForm survey={form.data} />
          <p>
            <Link to={`/enquetes/resultats/${documentId}`}>Voir les résultats de l’enquête</Link>
          </p>
        </>
      )}
    </section>
  );
}
