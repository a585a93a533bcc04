import { choiceLabel, fieldLabel, typeLabel, type IndicatorSummary } from '@charte/contract';
import { ScrollRegion } from '../../../components/ScrollRegion';
import { lazy, Suspense, useState } from 'react';
import { Link } from 'react-router-dom';
import { ErrorMessage, Loading } from '../../../components/Loading';
import { TargetStatus } from '../../../components/TargetStatus';
import { useTitleFocus } from '../../../hooks/useTitleFocus';
import { useSession } from '../../../lib/auth';
import { formatDate } from '../../../lib/format';
import { formatTarget, formatValue } from '../../../lib/indicator-format';
import { useLabels } from '../../../lib/labels';
import { useIndicatorsOverview, useMeasuresInProgress } from '../api/indicators';
import { MeasureForm } from '../components/MeasureForm';

// chart.js is loaded only when someone opens a trend.
const TrendChart = lazy(() => import('../components/TrendChart'));

function IndicatorRow({ indicator }: { indicator: IndicatorSummary }) {
  const [open, setOpen] = useState(false);
  const labels = useLabels();
  const trendId = `trend-${indicator.documentId}`;
  return (
    <section className="panel indicator" aria-labelledby={`title-${indicator.documentId}`}>
      <h2 id={`title-${indicator.documentId}`}>
        {indicator.code} — {indicator.name}
      </h2>
      <p className="muted">
        Objectif : {formatTarget(indicator.target, indicator.direction, indicator.unit, labels)} · mesure {indicator.frequency}
        {indicator.criterion && ` · engagement ${indicator.criterion.code}`}
      </p>
      {indicator.latest.length ? (
        <ScrollRegion label={`Dernière valeur validée de ${indicator.code} par service`}>
          <table>
            <caption className="visually-hidden">Dernière valeur validée de {indicator.code} par service</caption>
            <thead>
              <tr>
                <th scope="col">{fieldLabel(labels, 'measure', 'service')}</th>
                <th scope="col">{fieldLabel(labels, 'measure', 'period')}</th>
                <th scope="col">{fieldLabel(labels, 'measure', 'value')}</th>
                <th scope="col">Objectif</th>
              </tr>
            </thead>
            <tbody>
              {indicator.latest.map((l) => (
                <tr key={l.service.documentId}>
                  <th scope="row">{l.service.name}</th>
                  <td>{l.period.label}</td>
                  <td>{formatValue(l.value, indicator.unit, labels)}</td>
                  <td>
                    <TargetStatus meets={l.meetsTarget} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      ) : (
        <p className="muted">Aucune mesure validée pour l’instant.</p>
      )}
      <button type="button" aria-expanded={open} aria-controls={trendId} onClick={() => setOpen(!open)}>
        {open ? 'Masquer l’évolution' : 'Voir l’évolution'}
      </button>
      <div id={trendId}>
        {open && (
          <Suspense fallback={<Loading label="Chargement du graphique…" />}>
            <TrendChart documentId={indicator.documentId} />
          </Suspense>
        )}
      </div>
    </section>
  );
}

function MeasuresInProgress() {
  const measures = useMeasuresInProgress();
  const labels = useLabels();
  if (measures.isPending) return <Loading />;
  if (measures.isError) return <ErrorMessage error={measures.error} />;
  if (!measures.data.length) return <p className="muted">Aucune mesure en attente : tout ce qui a été saisi est validé.</p>;
  return (
    <ScrollRegion label="Mesures saisies, pas encore validées">
      <table>
        <caption>Mesures saisies, pas encore validées</caption>
        <thead>
          <tr>
            <th scope="col">{fieldLabel(labels, 'measure', 'indicator')}</th>
            <th scope="col">{fieldLabel(labels, 'measure', 'service')}</th>
            <th scope="col">Période (début)</th>
            <th scope="col">{fieldLabel(labels, 'measure', 'workflowState')}</th>
          </tr>
        </thead>
        <tbody>
          {measures.data.map((m) => (
            <tr key={m.documentId}>
              <th scope="row">
                <Link to={`/a-traiter/measures/${m.documentId}`}>{m.indicator ? `${m.indicator.code} — ${m.indicator.name}` : 'Mesure'}</Link>
              </th>
              <td>{m.service?.name ?? '—'}</td>
              <td>{formatDate(m.period)}</td>
              <td>{choiceLabel(labels, m.workflowState)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

/** « Indicateurs »: each indicator's latest validated value per service against its target, its trend, and measure entry. */
export default function IndicatorsPage() {
  const overview = useIndicatorsOverview();
  const session = useSession();
  const labels = useLabels();
  useTitleFocus(!overview.isPending);
  const canEnter = Boolean(session.data?.services.length) && session.data?.role.type !== 'dgs';
  return (
    <section aria-labelledby="indicators-title">
      <h1 id="indicators-title" tabIndex={-1}>
        {typeLabel(labels, 'indicator', true)}
      </h1>
      <p className="lead">Dernières valeurs validées de chaque indicateur, par service, au regard de l’objectif.</p>
      {canEnter && (
        <section className="panel" aria-labelledby="entry-title">
          <h2 id="entry-title">Saisir une mesure</h2>
          {overview.data && <MeasureForm indicators={overview.data.indicators} />}
          <h3>Mes mesures en cours</h3>
          <MeasuresInProgress />
        </section>
      )}
      {overview.isPending && <Loading />}
      {overview.isError && <ErrorMessage error={overview.error} />}
      {overview.data?.indicators.map((indicator) => (
        <IndicatorRow key={indicator.documentId} indicator={indicator} />
      ))}
    </section>
  );
}
