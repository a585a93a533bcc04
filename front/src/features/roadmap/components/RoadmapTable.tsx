import { fieldLabel, typeLabel, type GroupBy, type RoadmapGroup } from '@charte/contract';
import { Link } from 'react-router-dom';
import { useLabels } from '../../../lib/labels';
import { formatDate } from '../../../lib/format';
import { LateTag } from './LateTag';
import { ProgressBar } from './ProgressBar';

/** One group as a table: the other grouping (service or principle) appears as a column. */
export function RoadmapTable({ group, groupBy }: { group: RoadmapGroup; groupBy: GroupBy }) {
  const labels = useLabels();
  const label = (field: string) => fieldLabel(labels, 'roadmap-action', field);
  return (
    <table className="roadmap-table">
      <caption>
        {group.label} — {group.counts.total} action{group.counts.total > 1 ? 's' : ''}
        {group.counts.late > 0 && `, dont ${group.counts.late} en retard`}
      </caption>
      <thead>
        <tr>
          <th scope="col">{label('title')}</th>
          <th scope="col">{groupBy === 'principle' ? label('service') : typeLabel(labels, 'charter-principle')}</th>
          <th scope="col">{label('owner')}</th>
          <th scope="col">{label('startDate')}</th>
          <th scope="col">{label('dueDate')}</th>
          <th scope="col">{label('actionStatus')}</th>
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
            <td>{formatDate(a.startDate)}</td>
            <td>{formatDate(a.dueDate)}</td>
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
