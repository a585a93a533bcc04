import type { AgentSurveyForm } from '@charte/contract';
import { Link, useParams } from 'react-router-dom';
import { ErrorMessage, Loading } from '../../../components/Loading';
import { useTitleFocus } from '../../../hooks/useTitleFocus';
import { formatDate } from '../../../lib/format';
import { useAgentSurveyForm, useSubmitAgentResponse } from '../api/surveys';
import { SurveyAnswerForm } from '../components/SurveyAnswerForm';
import '../survey.css';

function AgentForm({ survey }: { survey: AgentSurveyForm }) {
  const submit = useSubmitAgentResponse(survey.documentId);
  return (
    <SurveyAnswerForm
      questions={survey.questions}
      maxTextLength={survey.maxTextLength}
      service={null}
      services={survey.services}
      serviceLabel="Votre service"
      noService="Je préfère ne pas le dire"
      honeypot={false}
      note={
        <>
          Votre réponse est anonyme : elle est enregistrée sans votre nom ni votre compte. L’application retient seulement que vous avez répondu, pour
          que chacun ne réponde qu’une fois. Les résultats d’un service ne s’affichent qu’à partir de {survey.minimumGroup} réponses ; en dessous, ils
          restent cachés. N’écrivez pas dans les commentaires ce qui permettrait de vous reconnaître.
        </>
      }
      send={(body) => submit.mutateAsync(body)}
      pending={submit.isPending}
      error={submit.error}
      done={
        <p>
          <Link to="/">Revenir au tableau de bord</Link>
        </p>
      }
    />
  );
}

/** One agent survey (/enquete-agents/:documentId): answered once, after login, without the account being kept. */
export default function AgentSurveyPage() {
  const { documentId = '' } = useParams();
  const survey = useAgentSurveyForm(documentId);
  useTitleFocus(!survey.isPending);
  if (survey.isPending) return <Loading />;
  if (survey.isError) {
    return (
      <section>
        <h1 tabIndex={-1}>Enquête agents</h1>
        <ErrorMessage error={survey.error} />
        <p>
          <Link to="/enquete-agents">Voir les enquêtes agents ouvertes</Link>
        </p>
      </section>
    );
  }
  const data = survey.data;
  const open = data.status === 'open' && !data.answered;
  return (
    <section>
      <p className="breadcrumb">
        <Link to="/enquete-agents">Enquêtes agents</Link>
      </p>
      <h1 tabIndex={-1}>{data.title}</h1>
      {data.description && <p className="lead">{data.description}</p>}
      {open ? (
        <>
          {data.closesAt && <p>Vous pouvez répondre jusqu’au {formatDate(data.closesAt)} inclus.</p>}
          <AgentForm survey={data} />
        </>
      ) : (
        <p className="notice" role="status">
          {data.message}
        </p>
      )}
    </section>
  );
}
