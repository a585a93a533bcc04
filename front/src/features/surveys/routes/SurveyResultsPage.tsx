import { choiceLabel, typeLabel, type QuestionResult, type ServiceResult, type ShareFigures, type SourceCounts, type SurveyComparison } from '@charte/contract';
import { ScrollRegion } from '../../../components/ScrollRegion';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ErrorMessage, Loading } from '../../../components/Loading';
import { useTitleFocus } from '../../../hooks/useTitleFocus';
import { formatDate, formatNetPoints, formatRate } from '../../../lib/format';
import { useLabels } from '../../../lib/labels';
import { useExportResults, useSurveyResults } from '../api/surveys';
import { answerLabel, possibleAnswers } from '../components/answer-labels';
import { TextAnswers } from '../components/TextAnswers';
import '../survey.css';

const ALL = '';
const MASKED = 'pas assez de réponses pour préserver l’anonymat';

function ShareVsTarget({ figures, target }: { figures: ShareFigures; target: number }) {
  if (figures.share === null) return <span className="muted">aucune réponse notée</span>;
  const reached = figures.share >= target;
  return (
    <span className={reached ? 'target-reached' : 'target-missed'}>
      {formatRate(figures.share * 100)} {reached ? '— objectif atteint' : '— objectif non atteint'}
    </span>
  );
}

/** « 12 en ligne, 3 papier » with the labels of config/labels.yaml. */
function SourcesText({ sources }: { sources: SourceCounts }) {
  const labels = useLabels();
  return (
    <>
      {sources.online} {choiceLabel(labels, 'online').toLowerCase()}, {sources.paper} {choiceLabel(labels, 'paper').toLowerCase()}
    </>
  );
}

function QuestionTable({ question, target }: { question: QuestionResult; target: number }) {
  if (question.kind === 'text') {
    return (
      <p className="muted">
        « {question.label} » : réponse libre, à lire plus bas dans « Réponses libres ».
      </p>
    );
  }
  const known = possibleAnswers(question.kind, Object.keys(question.counts).map((k) => JSON.parse(k) as string));
  const values = question.kind === 'choice' ? Object.keys(question.counts).sort((a, b) => question.counts[b] - question.counts[a]) : known;
  return (
    <table>
      <caption>
        {question.label}
        {question.satisfaction && (
          <>
            {' '}
            — satisfaits : <ShareVsTarget figures={question.satisfaction} target={target} />
          </>
        )}
      </caption>
      <thead>
        <tr>
          <th scope="col">Réponse</th>
          <th scope="col">Nombre</th>
          <th scope="col">Part des réponses</th>
        </tr>
      </thead>
      <tbody>
        {values.map((value) => {
          const count = question.counts[value] ?? 0;
          const share = question.answered ? count / question.answered : 0;
          return (
            <tr key={value}>
              <th scope="row">{answerLabel(question.kind, value)}</th>
              <td>{count}</td>
              <td>
                {formatRate(share * 100)}
                <div className="share-bar" aria-hidden="true">
                  <span style={{ width: `${share * 100}%` }} />
                </div>
              </td>
            </tr>
          );
        })}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">Total</th>
          <td>{question.answered}</td>
          <td />
        </tr>
      </tfoot>
    </table>
  );
}

function ByService({ groups, target }: { groups: ServiceResult[]; target: number }) {
  const labels = useLabels();
  return (
    <ScrollRegion label="Résultats par service">
      <table>
        <caption>Par service</caption>
        <thead>
          <tr>
            <th scope="col">{typeLabel(labels, 'service')}</th>
            <th scope="col">Réponses</th>
            <th scope="col">Réponses notées</th>
            <th scope="col">Part de satisfaits</th>
          </tr>
        </thead>
        <tbody>
          {groups.map((group) => (
            <tr key={group.service?.documentId ?? 'aucun'}>
              <th scope="row">{group.service?.name ?? 'Service non précisé'}</th>
              <td>
                {group.responses}{' '}
                <span className="muted">
                  (<SourcesText sources={group.sources} />)
                </span>
              </td>
              {group.masked ? (
                <td colSpan={2} className="muted">
                  {MASKED}
                </td>
              ) : (
                <>
                  <td>{group.satisfaction.answered}</td>
                  <td>
                    <ShareVsTarget figures={group.satisfaction} target={target} />
                  </td>
                </>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

/** An agent survey beside the users' survey: the share of satisfied answers to each question both ask. */
function Comparison({ comparison }: { comparison: SurveyComparison }) {
  const share = (figures: ShareFigures | null) => (figures === null ? MASKED : figures.share === null ? 'aucune réponse notée' : formatRate(figures.share * 100));
  return (
    <ScrollRegion label="Agents et usagers">
      <table>
        <caption>
          Agents et usagers, sur les questions communes — comparée à « {comparison.with.title} » ({comparison.with.responses} réponse
          {comparison.with.responses > 1 ? 's' : ''} d’usagers)
        </caption>
        <thead>
          <tr>
            <th scope="col">Question</th>
            <th scope="col">Agents satisfaits</th>
            <th scope="col">Usagers satisfaits</th>
          </tr>
        </thead>
        <tbody>
          {comparison.questions.map((q) => (
            <tr key={q.id}>
              <th scope="row">{q.label}</th>
              <td>
                {share(q.agents)}
                {q.agentsNet !== null && <span className="muted"> (taux net {formatNetPoints(q.agentsNet * 100)})</span>}
              </td>
              <td>
                {share(q.users)}
                {q.usersNet !== null && <span className="muted"> (taux net {formatNetPoints(q.usersNet * 100)})</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

/** Staff page of one survey's results (/enquetes/resultats/:documentId). */
export default function SurveyResultsPage() {
  const { documentId = '' } = useParams();
  const results = useSurveyResults(documentId);
  const exportResults = useExportResults(documentId);
  const labels = useLabels();
  const [shown, setShown] = useState(ALL);
  useTitleFocus(!results.isPending);
  if (results.isPending) return <Loading />;
  if (results.isError) {
    return (
      <section>
        <h1 tabIndex={-1}>Résultats de l’enquête</h1>
        <ErrorMessage error={results.error} />
      </section>
    );
  }
  const data = results.data;
  const textQuestions = data.overall.questions.filter((q) => q.kind === 'text');
  const group = shown === ALL ? data.overall : (data.byService.find((g) => (g.service?.documentId ?? 'aucun') === shown) ?? data.overall);
  return (
    <section>
      <p className="breadcrumb">
        <Link to="/enquetes/resultats">{labels.types.survey.plural}</Link>
      </p>
      <h1 tabIndex={-1}>Résultats — {data.survey.title}</h1>
      <p>
        Ouverte le {formatDate(data.survey.opensAt)}
        {data.survey.closesAt ? `, close le ${formatDate(data.survey.closesAt)}` : ', sans date de clôture'}
        {data.survey.service ? ` — service ${data.survey.service.name}` : ''}.{' '}
        {data.scope === 'own-services' && <strong>Seules les réponses concernant vos services sont comptées.</strong>}
      </p>
      <div className="panel" aria-labelledby="synthese-titre">
        <h2 id="synthese-titre">Synthèse</h2>
        <p>
          <strong data-testid="survey-responses">{data.overall.responses}</strong> réponse{data.overall.responses > 1 ? 's' : ''} (
          <span data-testid="survey-sources">
            <SourcesText sources={data.overall.sources} />
          </span>
          ).{' '}
          {data.overall.masked ? (
            <strong>Résultats cachés : {MASKED} (au moins {data.minimumGroup} réponses).</strong>
          ) : (
            <>
              Part de réponses satisfaites (notes 3 et 4, « oui ») : <ShareVsTarget figures={data.overall.satisfaction} target={data.target} /> pour un
              objectif de {formatRate(data.target * 100)}.
            </>
          )}
        </p>
        {data.overall.netSatisfaction !== null && (
          <p data-testid="survey-net">
            Taux net de satisfaction (question standard Services Publics +, satisfaits moins insatisfaits) :{' '}
            <strong>{formatNetPoints(data.overall.netSatisfaction * 100)}</strong>.
          </p>
        )}
        {data.survey.audience === 'agents' && (
          <p className="muted">
            {choiceLabel(labels, 'agents')} : les réponses sont anonymes, et les résultats d’un groupe (un service, ou tous) ne s’affichent qu’à partir de{' '}
            {data.minimumGroup} réponses. Quand un petit groupe est caché, d’autres peuvent l’être aussi, pour qu’aucune soustraction ne le révèle.
          </p>
        )}
        <div className="buttons">
          <button type="button" onClick={() => exportResults.mutate()} disabled={exportResults.isPending}>
            Exporter les résultats (.xlsx)
          </button>
        </div>
        {exportResults.isPending && <p role="status">Préparation du fichier…</p>}
        {exportResults.isError && <ErrorMessage error={exportResults.error} />}
      </div>
      {data.byService.length > 0 && <ByService groups={data.byService} target={data.target} />}
      {data.comparison && <Comparison comparison={data.comparison} />}
      <h2>Réponses par question</h2>
      {data.byService.length > 1 && (
        <div className="field">
          <label htmlFor="results-service">{typeLabel(labels, 'service')}</label>
          <select id="results-service" value={shown} onChange={(event) => setShown(event.target.value)}>
            <option value={ALL}>Tous les services</option>
            {data.byService.map((g) => (
              <option key={g.service?.documentId ?? 'aucun'} value={g.service?.documentId ?? 'aucun'}>
                {g.service?.name ?? 'Service non précisé'}
              </option>
            ))}
          </select>
        </div>
      )}
      <div aria-live="polite">
        {group.masked ? (
          <p className="notice">Réponses par question cachées : {MASKED}.</p>
        ) : (
          group.questions.map((question) => <QuestionTable key={question.id} question={question} target={data.target} />)
        )}
      </div>
      {textQuestions.length > 0 && !data.overall.masked && (
        <>
          <h2>Réponses libres</h2>
          <p className="muted">
            Les réponses sont citées telles qu’écrites{data.scope === 'own-services' ? ', pour vos services seulement' : ''}. Elles peuvent contenir des données
            personnelles : elles ne sont jamais publiées.
          </p>
          {textQuestions.map((question) => (
            <TextAnswers key={question.id} documentId={documentId} question={question} />
          ))}
        </>
      )}
    </section>
  );
}
