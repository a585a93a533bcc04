import type { RoadmapAction, RoadmapGroup } from '@charte/contract';
import { Link } from 'react-router-dom';
import { formatDate } from '../../../lib/format';
import { dayNumber, type Month } from './dates';
import { LateTag } from './LateTag';

export interface Scale {
  from: number;
  to: number;
  months: Month[];
  today: number;
}

/** Where a day sits on the track, and how wide a number of days is, in % of the track. */
const percent = (day: number, scale: Scale) => `${(100 * (day - scale.from)) / (scale.to - scale.from)}%`;
const share = (days: number, scale: Scale) => `${(100 * days) / (scale.to - scale.from)}%`;

/** What a bar says to someone who cannot see it: dates, status, progress and lateness. */
function describe(a: RoadmapAction): string {
  const dates = a.startDate || a.dueDate ? `du ${formatDate(a.startDate)} au ${formatDate(a.dueDate)}` : 'dates non renseignées';
  return `${a.title} : ${dates}, ${a.statusLabel.toLowerCase()}, avancement ${a.progress} %${a.late ? ', en retard' : ''}`;
}

function Bar({ action, scale }: { action: RoadmapAction; scale: Scale }) {
  const start = action.startDate ? dayNumber(action.startDate) : action.dueDate ? dayNumber(action.dueDate) : null;
  const end = action.dueDate ? dayNumber(action.dueDate) + 1 : start !== null ? start + 1 : null;
  if (start === null || end === null) return <span className="timeline-undated">Dates non renseignées</span>;
  return (
    <div
      className={`timeline-bar status-${action.status}${action.late ? ' is-late' : ''}`}
      style={{ left: percent(start, scale), width: `max(0.4rem, ${share(end - start, scale)})` }}
      role="img"
      aria-label={describe(action)}
      title={describe(action)}
    >
      <span className="timeline-fill" style={{ width: `${action.progress}%` }} />
    </div>
  );
}

/**
 * A Gantt-like view: one row per action, a bar from its start to its due date on a month scale
 * shared by every group, and a line for today. Late actions are red and say « En retard » in words;
 * each bar carries its dates in words for screen readers.
 */
export function RoadmapTimeline({ groups, scale }: { groups: RoadmapGroup[]; scale: Scale }) {
  const showEvery = Math.max(1, Math.ceil(scale.months.length / 18));
  return (
    <div className="timeline">
      <div className="timeline-row timeline-head" aria-hidden="true">
        <div className="timeline-label" />
        <div className="timeline-track">
          {scale.months.map((m, i) => (
            <span key={m.start} className="timeline-month" style={{ left: percent(m.start, scale), width: share(m.end - m.start, scale) }}>
              {i % showEvery === 0 ? m.label : ''}
            </span>
          ))}
        </div>
      </div>
      {groups.map((group) => (
        <section key={group.key} className="timeline-group" aria-labelledby={`timeline-${group.key}`}>
          <h3 id={`timeline-${group.key}`}>
            {group.label} <span className="muted">({group.counts.total})</span>
          </h3>
          <ul className="timeline-rows">
            {group.actions.map((a) => (
              <li key={a.documentId} className={`timeline-row${a.late ? ' is-late' : ''}`}>
                <div className="timeline-label">
                  <Link to={`/a-traiter/roadmap-actions/${a.documentId}`}>{a.title}</Link>
                  <span className="muted"> — {a.owner}</span> {a.late && <LateTag />}
                </div>
                <div className="timeline-track">
                  <span className="timeline-today" style={{ left: percent(scale.today, scale) }} aria-hidden="true" />
                  <Bar action={a} scale={scale} />
                </div>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
