import { typeLabel } from '@charte/contract';
import { CategoryScale, Chart as ChartJS, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';
import { Line } from 'react-chartjs-2';
import { ErrorMessage, Loading } from '../../../components/Loading';
import { useIndicatorTrend } from '../api/indicators';
import { formatTarget, formatValue } from '../../../lib/indicator-format';
import { useLabels } from '../../../lib/labels';

ChartJS.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, Legend, Tooltip);

const COLORS = ['#000091', '#c9191e', '#18753c', '#b34000', '#6a6af4', '#009081', '#a558a0', '#716043'];

/** Validated values per service over the periods, against the target: the line chart for the eye, the table for everyone. */
export default function TrendChart({ documentId, periods = 12 }: { documentId: string; periods?: number }) {
  const trend = useIndicatorTrend(documentId, periods);
  const labels = useLabels();
  if (trend.isPending) return <Loading label="Chargement de l’évolution…" />;
  if (trend.isError) return <ErrorMessage error={trend.error} />;
  const { indicator, periods: columns, series } = trend.data;
  const target = indicator.target;
  const summary = series.length
    ? series
        .map((s) => `${s.service.name} : dernière valeur ${formatValue([...s.values].reverse().find((v) => v !== null) ?? null, indicator.unit, labels)}`)
        .join(' ; ')
    : 'aucune mesure validée sur la période';
  return (
    <figure className="trend">
      <div className="chart">
        <Line
          role="img"
          aria-label={`Évolution de ${indicator.code}, objectif ${formatTarget(target, indicator.direction, indicator.unit, labels)}. ${summary}`}
          data={{
            labels: columns.map((p) => p.label),
            datasets: [
              ...series.map((s, i) => ({
                label: s.service.name,
                data: s.values,
                borderColor: COLORS[i % COLORS.length],
                backgroundColor: COLORS[i % COLORS.length],
                spanGaps: true,
              })),
              ...(target === null
                ? []
                : [
                    {
                      label: `Objectif (${formatTarget(target, indicator.direction, indicator.unit, labels)})`,
                      data: columns.map(() => target),
                      borderColor: '#666',
                      borderDash: [6, 4],
                      pointRadius: 0,
                    },
                  ]),
            ],
          }}
          options={{
            maintainAspectRatio: false,
            animation: false,
            scales: { y: { beginAtZero: true } },
          }}
        />
      </div>
      <figcaption>
        <table>
          <caption>
            {indicator.code} — valeurs validées par période (objectif {formatTarget(target, indicator.direction, indicator.unit, labels)})
          </caption>
          <thead>
            <tr>
              <th scope="col">{typeLabel(labels, 'service')}</th>
              {columns.map((p) => (
                <th scope="col" key={p.start}>
                  {p.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {series.map((s) => (
              <tr key={s.service.documentId}>
                <th scope="row">{s.service.name}</th>
                {s.values.map((v, i) => (
                  <td key={columns[i].start}>{formatValue(v, indicator.unit, labels)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </figcaption>
    </figure>
  );
}
