import { choiceLabel, fieldLabel, typeLabel } from '@charte/contract';
import { Link } from 'react-router-dom';
import { ErrorMessage, Loading } from '../../../components/Loading';
import { useTitleFocus } from '../../../hooks/useTitleFocus';
import { formatDate } from '../../../lib/format';
import { useLabels } from '../../../lib/labels';
import { useSurveyList } from '../api/surveys';

/** Staff list of the surveys with their number of answers (/enquetes/resultats). */
export default function SurveyListPage() {
  const surveys = useSurveyList();
  const labels = useLabels();
  useTitleFocus(!surveys.isPending);
  return (
    <section>
      <h1 tabIndex={-1}>{labels.types.survey.plural}</h1>
      <p>
        Le référent qualité crée les enquêtes et leurs questions. Le public y répond sans compte depuis la page <Link to="/enquetes">Donnez votre avis</Link> ;
        les questionnaires remplis sur papier sont saisis ici par les agents.
      </p>
      {surveys.data?.meta.canDesign && (
        <p>
          <Link className="button primary" to="/enquetes/nouvelle">
            Nouvelle enquête
          </Link>
        </p>
      )}
      {surveys.isPending ? (
        <Loading />
      ) : surveys.isError ? (
        <ErrorMessage error={surveys.error} />
      ) : surveys.data.surveys.length === 0 ? (
        <p>Aucune enquête pour le moment.</p>
      ) : (
        <table>
          <caption>Enquêtes, de la plus récente à la plus ancienne</caption>
          <thead>
            <tr>
              <th scope="col">{typeLabel(labels, 'survey')}</th>
              <th scope="col">{fieldLabel(labels, 'survey', 'audience')}</th>
              <th scope="col">{fieldLabel(labels, 'survey', 'service')}</th>
              <th scope="col">Période</th>
              <th scope="col">État</th>
              <th scope="col">Réponses</th>
              {(surveys.data.meta.canDesign || surveys.data.meta.canEnterPaper) && <th scope="col">Actions</th>}
            </tr>
          </thead>
          <tbody>
            {surveys.data.surveys.map((survey) => (
              <tr key={survey.documentId}>
                <th scope="row">
                  <Link to={`/enquetes/resultats/${survey.documentId}`}>{survey.title}</Link>
                </th>
                <td>{choiceLabel(labels, survey.audience)}</td>
                <td>{survey.service ?? 'Tous les services'}</td>
                <td>
                  du {formatDate(survey.opensAt)}
                  {survey.closesAt ? ` au ${formatDate(survey.closesAt)}` : ', sans clôture'}
                </td>
                <td>
                  {choiceLabel(labels, survey.status)}
                  {survey.status === 'open' && (
                    <>
                      {' '}
                      (
                      {survey.audience === 'agents' ? (
                        <Link to={`/enquete-agents/${survey.documentId}`}>questionnaire des agents</Link>
                      ) : (
                        <Link to={`/enquete/${survey.documentId}`}>page publique</Link>
                      )}
                      )
                    </>
                  )}
                </td>
                <td>{survey.responses}</td>
                {(surveys.data.meta.canDesign || surveys.data.meta.canEnterPaper) && (
                  <td>
                    <ul className="row-actions">
                      {surveys.data.meta.canDesign && (
                        <li>
                          <Link to={`/enquetes/modifier/${survey.documentId}`}>
                            Modifier<span className="visually-hidden"> « {survey.title} »</span>
                          </Link>
                        </li>
                      )}
                      {surveys.data.meta.canEnterPaper && survey.status !== 'upcoming' && survey.audience === 'usagers' && (
                        <li>
                          <Link to={`/enquetes/papier/${survey.documentId}`}>
                            Saisir un questionnaire papier<span className="visually-hidden"> pour « {survey.title} »</span>
                          </Link>
                        </li>
                      )}
                    </ul>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
