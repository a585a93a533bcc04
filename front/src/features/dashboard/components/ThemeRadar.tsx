import { typeLabel, type ThemeProgress } from '@charte/contract';
import { Chart as ChartJS, Filler, LineElement, PointElement, RadarController, RadialLinearScale, Tooltip } from 'chart.js';
import { Radar } from 'react-chartjs-2';
import { formatRate } from '../../../lib/format';
import { useLabels } from '../../../lib/labels';

ChartJS.register(RadarController, RadialLinearScale, PointElement, LineElement, Filler, Tooltip);

/** Conformity per theme: the radar for the eye, and the same figures in a table for everyone. */
export function ThemeRadar({ themes }: { themes: ThemeProgress[] }) {
  const labels = useLabels();
  const summary = themes.map((t) => `${t.theme.title} : ${formatRate(t.conformityRate)}`).join(' ; ');
  return (
    <figure className="radar">
      <div className="chart">
        <Radar
          role="img"
          aria-label={`Taux de conformité par thème. ${summary}`}
          data={{
            labels: themes.map((t) => t.theme.code),
            datasets: [
              {
                label: 'Taux de conformité (%)',
                data: themes.map((t) => t.conformityRate ?? 0),
                backgroundColor: 'rgba(0, 0, 145, 0.15)',
                borderColor: '#000091',
                pointBackgroundColor: '#000091',
              },
            ],
          }}
          options={{ scales: { r: { min: 0, max: 100, ticks: { stepSize: 25 } } }, plugins: { legend: { display: false } }, maintainAspectRatio: false }}
        />
      </div>
      <figcaption>
        <table>
          <caption>Taux de conformité par thème</caption>
          <thead>
            <tr>
              <th scope="col">{typeLabel(labels, 'theme')}</th>
              <th scope="col">Fiches</th>
              <th scope="col">Conformité</th>
            </tr>
          </thead>
          <tbody>
            {themes.map((t) => (
              <tr key={t.theme.code}>
                <th scope="row">
                  {t.theme.code} — {t.theme.title}
                </th>
                <td>{t.evaluations}</td>
                <td>{formatRate(t.conformityRate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </figcaption>
    </figure>
  );
}
