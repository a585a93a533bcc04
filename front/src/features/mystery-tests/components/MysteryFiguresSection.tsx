import type { MysteryFigures } from '@charte/contract';
import { useState } from 'react';
import { ErrorMessage, Loading } from '../../../components/Loading';
import { useDownload } from '../../../lib/download';
import { formatDate, formatDelta, formatRate } from '../../../lib/format';
import { useMysteryFigures } from '../api/mystery-tests';

type Row = MysteryFigures['rows'][number];

function Trend({ row }: { row: Row }) {
  if (row.score === null || row.previousScore === null) return <span className="muted">première mesure</span>;
  return <>{formatDelta(row.score - row.previousScore)}</>;
}

function RowCard({ row }: { row: Row }) {
  return (
    <li className="mystery-card">
      <h3>
        {row.service.name} — {row.channelLabel}
      </h3>
      <p>
        {row.tests} test{row.tests > 1 ? 's' : ''} · note moyenne <strong>{formatRate(row.score)}</strong> · évolution : <Trend row={row} />
      </p>
      {row.delays.length > 0 && (
        <ul className="mystery-delays">
          {row.delays.map((d) => (
            <li key={d.id}>
              {d.label} : {d.met} sur {d.answered} dans le délai ({formatRate(d.rate)})
            </li>
          ))}
        </ul>
      )}
      <table className="mystery-points">
        <caption className="visually-hidden">
          Réussite par point d’observation, {row.service.name}, {row.channelLabel}
        </caption>
        <thead>
          <tr>
            <th scope="col">Point d’observation</th>
            <th scope="col">Réussite</th>
          </tr>
        </thead>
        <tbody>
          {row.points.map((p) => (
            <tr key={p.id}>
              <th scope="row">{p.label}</th>
              <td>
                {formatRate(p.rate)} <span className="muted">({p.met}/{p.answered})</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </li>
  );
}

/**
 * The validated results of a wave, per service and channel: the mean score on the grid and its
 * trend against the previous wave, the share of tests answered within each target delay, and each
 * point's success rate. A service sees its own only; nothing of a test before it is validated.
 */
export function MysteryFiguresSection({ serviceSlug }: { serviceSlug?: string }) {
  const [campaign, setCampaign] = useState('');
  const figures = useMysteryFigures(campaign);
  const download = useDownload();
  if (figures.isPending) return <Loading />;
  if (figures.isError) return <ErrorMessage error={figures.error} />;
  // On a service's page, its own rows (the wave's figures are computed for every service the caller reads).
  const data = serviceSlug ? { ...figures.data, rows: figures.data.rows.filter((r) => r.service.slug === serviceSlug) } : figures.data;
  if (!data.campaign) return <p className="muted">Aucun résultat validé pour le moment.</p>;
  return (
    <>
      <div className="field">
        <label htmlFor="vague">Vague de tests</label>
        <select id="vague" value={campaign || data.campaign.documentId} onChange={(event) => setCampaign(event.target.value)}>
          {data.campaigns.map((c) => (
            <option key={c.documentId} value={c.documentId}>
              {c.title}
            </option>
          ))}
        </select>
      </div>
      <p>
        Du {formatDate(data.campaign.startDate)} au {formatDate(data.campaign.endDate)}
        {data.previous ? `, comparée à « ${data.previous.title} ».` : '.'}
      </p>
      {data.rows.length > 0 && !serviceSlug && (
        <p>
          <button
            type="button"
            disabled={download.isPending}
            onClick={() =>
              download.mutate({ path: `/api/mystery-results/export.xlsx?campaign=${encodeURIComponent(data.campaign!.documentId)}`, fallbackName: 'tests-mysteres.xlsx' })
            }
          >
            {download.isPending ? 'Préparation…' : 'Télécharger les chiffres (.xlsx)'}
          </button>
        </p>
      )}
      {download.isError && <ErrorMessage error={download.error} />}
      {data.rows.length ? (
        <ul className="mystery-cards">
          {data.rows.map((row) => (
            <RowCard key={`${row.service.documentId}-${row.channel}`} row={row} />
          ))}
        </ul>
      ) : (
        <p className="muted">{serviceSlug ? 'Aucun résultat validé de ce service dans cette vague.' : 'Aucun résultat validé de vos services dans cette vague.'}</p>
      )}
    </>
  );
}
