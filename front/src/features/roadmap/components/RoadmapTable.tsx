import { Link } from 'react-router-dom';
import type { GroupBy, RoadmapGroup } from '../api/roadmap';
import { formatDay } from './dates';
import { LateTag } from './LateTag';
import { ProgressBar } from './ProgressBar';

/** One group as a table: the other grouping (service or principle) appears as a column. */
export function RoadmapTable({ group, groupBy }: { group: RoadmapGroup; groupBy: GroupBy }) {
  return (
    <table className="roadmap-table">
      <caption>
        {group.label} — {group.counts.total} action{group.counts.total > 1 ? 's' : ''}
        {group.counts.late > 0 && `, dont ${group.counts.late} en retard`}
      </caption>
      <thead>
        <tr>
          <th scope="col">Action</th>
          <th scope="col">{groupBy === 'principle' ? 'Service' : 'Principe de la charte'}</th>
          <th scope="col">Pilote</th>
          <th scope="col">Début</th>
          <th scope="col">Échéance</th>
          <th scope="col">Statut</th>
          <th scope="col">Avancement</th>
        </tr>
      </thead>
      <tbody>
        {group.actions.map((a) => (
          <tr key={a.documentId} className={a.late ? 'is-late' : undefined}>
            <th scope="row">
              <Link to={`/a-traiter/roadmap-actions/${a.documentId}`}>{a.title}</Link>
              {a.criterion && <span className="muted"> ({a.criterion.code})</span>}
            </th>
            <td>{groupBy === 'principle' ? (a.service?.name ?? '—') : (a.principle?.title ?? '—')}</td>
            <td>{a.owner}</td>
            <td>{formatDay(a.startDate)}</td>
            <td>{formatDay(a.dueDate)}</td>
            <td>
              {a.statusLabel}
              {a.late && (
                <>
                  {' '}
                  <LateTag />
                </>
              )}
            </td>
            <td>
              <ProgressBar value={a.progress} label={`Avancement de « ${a.title} »`} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
