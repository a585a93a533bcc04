import type { MysteryFigures } from '@charte/contract';
import { fieldLabel, typeLabel } from '@charte/contract';
import { Link } from 'react-router-dom';
import { ErrorMessage, Loading } from '../../../components/Loading';
import { ScrollRegion } from '../../../components/ScrollRegion';
import { formatDelta, formatRate } from '../../../lib/format';
import { useLabels } from '../../../lib/labels';
import { useMysteryFigures } from '../api/mystery-tests';

type Row = MysteryFigures['rows'][number];

export interface Summary {
  key: string;
  name: string;
  tests: number;
  score: number | null;
  previousScore: number | null;
}

/**
 * The mean of the rows' mean scores weighted by their tests, now and in the previous wave (each
 * row's previous mean weighted by its previous tests): the mean over the tests themselves, up to
 * the rows' rounding to a tenth. A group without a previous test has no trend.
 */
export function summarize(rows: Row[], by: 'channel' | 'service'): Summary[] {
  const groups = new Map<string, { name: string; rows: Row[] }>();
  for (const row of rows) {
    const key = by === 'channel' ? row.channel : row.service.documentId;
    const name = by === 'channel' ? row.channelLabel : row.service.name;
    (groups.get(key) ?? groups.set(key, { name, rows: [] }).get(key)!).rows.push(row);
  }
  const mean = (pairs: [number | null, number][]) => {
    const scored = pairs.filter((p): p is [number, number] => p[0] !== null && p[1] > 0);
    const weight = scored.reduce((n, [, w]) => n + w, 0);
    return weight ? Math.round((10 * scored.reduce((n, [v, w]) => n + v * w, 0)) / weight) / 10 : null;
  };
  return [...groups].map(([key, g]) => ({
    key,
    name: g.name,
    tests: g.rows.reduce((n, r) => n + r.tests, 0),
    score: mean(g.rows.map((r) => [r.score, r.tests])),
    previousScore: mean(g.rows.map((r) => [r.previousScore, r.previousTests])),
  }));
}

/**
 * On the dashboard, the latest wave with validated results (GET /api/mystery-results, the same
 * figures as the « Tests mystères » page): per channel for those who read every service, per service
 * for a head. Nothing of a test before it is validated.
 */
export function MysteryDashboardPanel({ by }: { by: 'channel' | 'service' }) {
  const figures = useMysteryFigures('');
  const labels = useLabels();
  const title = typeLabel(labels, 'mystery-test', true);
  if (figures.isPending) return <Loading />;
  if (figures.isError) return <ErrorMessage error={figures.error} />;
  const { campaign, previous, rows } = figures.data;
  if (!campaign || !rows.length) return null;
  const lines = summarize(rows, by);
  return (
    <section aria-labelledby="mystery-dashboard-title" className="mystery-dashboard">
      <h2 id="mystery-dashboard-title">{title}</h2>
      <p>
        « {campaign.title} », résultats validés{previous ? `, comparés à « ${previous.title} »` : ''} : note moyenne sur la grille{' '}
        {by === 'channel' ? 'par canal, tous services' : 'de vos services, tous canaux'}.
      </p>
      <ScrollRegion label={`${title} : note moyenne ${by === 'channel' ? 'par canal' : 'par service'}`}>
        <table>
          <caption className="visually-hidden">
            {title} : note moyenne {by === 'channel' ? 'par canal' : 'par service'}, « {campaign.title} »
          </caption>
          <thead>
            <tr>
              <th scope="col">{by === 'channel' ? fieldLabel(labels, 'mystery-test', 'channel') : typeLabel(labels, 'service')}</th>
              <th scope="col">Tests</th>
              <th scope="col">Note moyenne</th>
              <th scope="col">Évolution</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((l) => (
              <tr key={l.key}>
                <th scope="row">{l.name}</th>
                <td>{l.tests}</td>
                <td>{formatRate(l.score)}</td>
                <td>{l.score !== null && l.previousScore !== null ? formatDelta(l.score - l.previousScore) : <span className="muted">première mesure</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      <p>
        <Link to="/tests-mysteres">Voir le détail dans « {title} »</Link>
      </p>
    </section>
  );
}
