import { fieldLabel, typeLabel } from '@charte/contract';
import { ErrorMessage, Loading } from '../../../components/Loading';
import { TargetStatus } from '../../../components/TargetStatus';
import { useTitleFocus } from '../../../hooks/useTitleFocus';
import { Link } from 'react-router-dom';
import { formatDate, formatNetPoints, formatRate } from '../../../lib/format';
import { formatTarget, formatValue } from '../../../lib/indicator-format';
import { useLabels } from '../../../lib/labels';
import { openDataCsvPath, openDataJsonPath, posterPath, usePublishedResults } from '../api/results';

/**
 * « Nos résultats » (public, printable): the charter's indicators from validated measures, the
 * latest satisfaction survey and the complaints answered in time, each with the period it covers.
 */
export default function ResultsPage() {
  const results = usePublishedResults();
  const labels = useLabels();
  useTitleFocus(!results.isPending);
  if (results.isPending) return <Loading />;
  if (results.isError)
    return (
      <section>
        <h1 tabIndex={-1}>Nos résultats</h1>
        <ErrorMessage error={results.error} />
      </section>
    );
  const { indicators, satisfaction, complaints, generatedOn, dataUpdatedAt } = results.data;
  return (
    <article className="results" aria-labelledby="results-title">
      <h1 id="results-title" tabIndex={-1}>
        Nos résultats
      </h1>
      <p className="lead">
        Chaque engagement de notre charte d’accueil est suivi par un indicateur. Voici les derniers résultats, mesurés par les services et validés par leurs
        responsables.
      </p>
      <p>
        <strong>{generatedOn}</strong>.{' '}
        <button type="button" className="no-print" onClick={() => window.print()}>
          Imprimer
        </button>
      </p>
      <p>{dataUpdatedAt ? `Dernière mise à jour des mesures : le ${formatDate(dataUpdatedAt)}.` : 'Aucune mesure n’est encore publiée.'}</p>

      <section aria-labelledby="results-indicators">
        <h2 id="results-indicators">Nos engagements en chiffres</h2>
        {indicators.length ? (
          <table>
            <caption>Dernière valeur de chaque indicateur de la charte, toutes les structures confondues (moyenne des services)</caption>
            <thead>
              <tr>
                <th scope="col">{typeLabel(labels, 'indicator')}</th>
                <th scope="col">{fieldLabel(labels, 'measure', 'period')}</th>
                <th scope="col">Résultat</th>
                <th scope="col">Objectif</th>
                <th scope="col">Atteint ?</th>
              </tr>
            </thead>
            <tbody>
              {indicators.map((i) => (
                <tr key={i.code}>
                  <th scope="row">{i.name}</th>
                  <td>{i.period ? i.period.label : 'pas encore mesuré'}</td>
                  <td>
                    {formatValue(i.value, i.unit, labels)}
                    {i.services.length > 1 && <span className="muted"> ({i.services.length} services)</span>}
                  </td>
                  <td>{formatTarget(i.target, i.direction, i.unit, labels)}</td>
                  <td>
                    <TargetStatus meets={i.meetsTarget} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>Aucun indicateur n’est encore publié : ils le seront avec la charte approuvée.</p>
        )}
      </section>

      <section aria-labelledby="results-satisfaction">
        <h2 id="results-satisfaction">Votre satisfaction</h2>
        {satisfaction ? (
          <p>
            Enquête « {satisfaction.survey} »{satisfaction.closedOn && `, close le ${formatDate(satisfaction.closedOn)}`} : {satisfaction.responses} réponses,{' '}
            <strong>{formatRate(satisfaction.satisfiedPercent)}</strong> de réponses satisfaites (objectif {formatRate(satisfaction.targetPercent)}){' '}
            <TargetStatus meets={satisfaction.meetsTarget} />
            {satisfaction.netPoints !== null && (
              <>
                {' '}
                Taux net de satisfaction (satisfaits moins insatisfaits, à la question « Globalement, êtes-vous satisfait(e)… ? », {satisfaction.standardAnswers}{' '}
                réponses) : <strong>{formatNetPoints(satisfaction.netPoints)}</strong>.
              </>
            )}
          </p>
        ) : (
          <p>Aucune enquête de satisfaction n’a encore reçu de réponse.</p>
        )}
      </section>

      <section aria-labelledby="results-complaints">
        <h2 id="results-complaints">Vos réclamations et suggestions</h2>
        <p>
          Période {complaints.period.label} : {complaints.received} reçues ; <strong>{formatRate(complaints.ratePercent)}</strong> ont reçu une réponse dans le
          délai de {complaints.deadlineDays} jours
          {complaints.pending > 0 && ` (${complaints.pending} encore dans le délai, non comptées)`}.
        </p>
        <p>
          <Link to="/vous-nous-avez-dit">Vous nous l’avez dit, nous l’avons fait</Link> : nos réponses à vos avis et les améliorations qu’ils ont permises.
        </p>
      </section>

      <section aria-labelledby="results-files" className="no-print">
        <h2 id="results-files">Télécharger nos résultats</h2>
        <ul>
          <li>
            <a href={posterPath('A4')} download>
              Affiche des résultats (PDF, format A4)
            </a>{' '}
            ou{' '}
            <a href={posterPath('A3')} download>
              en A3
            </a>
          </li>
          <li>
            <a href={openDataCsvPath} download>
              Données ouvertes au format Services Publics + (CSV)
            </a>{' '}
            ou{' '}
            <a href={openDataJsonPath} download>
              en JSON
            </a>
            {dataUpdatedAt && <span className="muted"> — mises à jour le {formatDate(dataUpdatedAt)}</span>}
          </li>
        </ul>
      </section>
    </article>
  );
}
