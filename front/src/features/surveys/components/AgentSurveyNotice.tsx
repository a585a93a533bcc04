import { Link } from 'react-router-dom';
import { useAgentSurveys } from '../api/surveys';

/** On the dashboard: the open agent surveys I have not answered yet, with a link to each. */
export function AgentSurveyNotice() {
  const surveys = useAgentSurveys();
  const waiting = (surveys.data ?? []).filter((s) => !s.answered);
  if (!waiting.length) return null;
  return (
    <div className="notice" role="region" aria-label="Enquête agents">
      {waiting.map((survey) => (
        <p key={survey.documentId}>
          <strong>Enquête agents :</strong> « {survey.title} » attend votre avis, de façon anonyme.{' '}
          <Link to={`/enquete-agents/${survey.documentId}`}>Répondre à l’enquête</Link>
        </p>
      ))}
    </div>
  );
}
