import { Link } from 'react-router-dom';
import { ErrorMessage, Loading } from '../../../components/Loading';
import { useTitleFocus } from '../../../hooks/useTitleFocus';
import { formatDate } from '../../../lib/format';
import { useOpenSurveys } from '../api/surveys';

/** Public list of the surveys open today (/enquetes). */
export default function PublicSurveyListPage() {
  const surveys = useOpenSurveys();
  useTitleFocus(!surveys.isPending);
  return (
    <section>
      <h1 tabIndex={-1}>Donnez votre avis sur l’accueil</h1>
      <p className="lead">Vos réponses, anonymes, nous aident à tenir les engagements de la charte d’accueil.</p>
      {surveys.isPending ? (
        <Loading />
      ) : surveys.isError ? (
        <ErrorMessage error={surveys.error} />
      ) : surveys.data.length === 0 ? (
        <p>Aucune enquête n’est ouverte en ce moment. Merci de votre intérêt.</p>
      ) : (
        <ul className="cards" aria-label="Enquêtes ouvertes">
          {surveys.data.map((survey) => (
            <li key={survey.documentId} className="card">
              <h2>
                <Link to={`/enquete/${survey.documentId}`}>{survey.title}</Link>
              </h2>
              {survey.service && <p>Service : {survey.service.name}</p>}
              {survey.description && <p>{survey.description}</p>}
              <p className="muted">{survey.closesAt ? `Ouverte jusqu’au ${formatDate(survey.closesAt)} inclus.` : 'Ouverte sans date de clôture.'}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
