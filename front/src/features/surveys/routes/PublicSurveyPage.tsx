import type { PublicSurveyForm } from '@charte/contract';
import { Link, useParams } from 'react-router-dom';
import { ErrorMessage, Loading } from '../../../components/Loading';
import { useTitleFocus } from '../../../hooks/useTitleFocus';
import { formatDate } from '../../../lib/format';
import { usePublicSurvey, useSubmitSurveyResponse } from '../api/surveys';
import { SurveyAnswerForm } from '../components/SurveyAnswerForm';
import '../survey.css';
import { useLabels } from '../../../lib/labels';

function SurveyForm({ survey }: { survey: PublicSurveyForm }) {
  const submit = useSubmitSurveyResponse(survey.documentId);
  return (
    <SurveyAnswerForm
      questions={survey.questions}
      maxTextLength={survey.maxTextLength}
      service={survey.service}
      services={survey.services}
      serviceLabel="Service concerné par votre démarche"
      noService="Je ne sais pas / plusieurs services"
      honeypot
      note={
        <>
          Répondre prend deux minutes. Vos réponses sont anonymes : nous n’enregistrons ni votre nom ni votre adresse internet. N’écrivez pas dans les
          commentaires d’informations qui permettraient de vous reconnaître. <Link to="/confidentialite">Vos données et vos droits</Link>
        </>
      }
      send={(body) => submit.mutateAsync(body)}
      pending={submit.isPending}
      error={submit.error}
      done={
        <>
          <p>Vos réponses sont anonymes : elles nous aident à améliorer l’accueil du public.</p>
          <p>
            <Link to="/enquetes">Voir les autres enquêtes ouvertes</Link>
          </p>
        </>
      }
    />
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
