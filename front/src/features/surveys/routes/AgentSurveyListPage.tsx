import { Link } from 'react-router-dom';
import { ErrorMessage, Loading } from '../../../components/Loading';
import { useTitleFocus } from '../../../hooks/useTitleFocus';
import { formatDate } from '../../../lib/format';
import { useAgentSurveys } from '../api/surveys';

/** The open agent surveys (/enquete-agents), each with whether I have answered it. */
export default function AgentSurveyListPage() {
  const surveys = useAgentSurveys();
  useTitleFocus(!surveys.isPending);
  return (
    <section>
      <h1 tabIndex={-1}>Enquêtes agents</h1>
      <p>
        La commune interroge aussi ses agents sur l’accueil du public : ce qui aide, ce qui manque. Chacun répond une fois, de façon anonyme ; les résultats
        se comparent à ceux de l’enquête des usagers.
      </p>
      {surveys.isPending ? (
        <Loading />
      ) : surveys.isError ? (
        <ErrorMessage error={surveys.error} />
      ) : surveys.data.length === 0 ? (
        <p className="muted">Aucune enquête agents n’est ouverte en ce moment.</p>
      ) : (
        <ul className="cards" aria-label="Enquêtes agents ouvertes">
          {surveys.data.map((survey) => (
            <li key={survey.documentId} className="card">
              <h2>
                <Link to={`/enquete-agents/${survey.documentId}`}>{survey.title}</Link>
              </h2>
              {survey.description && <p>{survey.description}</p>}
              <p className={survey.answered ? 'success' : undefined}>
                {survey.answered ? 'Vous avez répondu. Merci !' : survey.closesAt ? `À remplir avant le ${formatDate(survey.closesAt)} inclus.` : 'À remplir.'}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
