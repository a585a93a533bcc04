import type { InboxGroup, InboxItem } from '@charte/contract';
import { Link } from 'react-router-dom';
import { countOf, formatDate, formatWaiting } from '../../../lib/format';
import { useLabels } from '../../../lib/labels';

export const itemKey = (item: Pick<InboxItem, 'collection' | 'documentId'>) => `${item.collection}/${item.documentId}`;

interface Props {
  group: InboxGroup;
  /** The address of another page of this group, or of this group alone (page 1). */
  pageHref(page: number): string;
  /** Whether only this group is shown (its pages are then browsable). */
  alone: boolean;
  selected: Set<string>;
  onSelect(item: InboxItem, selected: boolean): void;
  onSelectAll(items: InboxItem[], selected: boolean): void;
  onBatch(): void;
  busy: boolean;
}

/**
 * One group of « À traiter »: its name and count as a heading, its documents as a list (cards on a
 * phone), longest waiting first; a group whose action may be done in batches has a box per document
 * and one button for the selection.
 */
export function InboxGroupSection({ group, pageHref, alone, selected, onSelect, onSelectAll, onBatch, busy }: Props) {
  const labels = useLabels();
  const actionLabel = labels.actions[group.action] ?? group.action;
  const headingId = `group-${group.name}`;
  const batch = group.batch && group.items.length > 0;
  const chosen = group.items.filter((i) => selected.has(itemKey(i)));
  const allChosen = chosen.length === group.items.length && group.items.length > 0;
  const first = (group.page - 1) * group.pageSize + 1;
  return (
    <section aria-labelledby={headingId} className="inbox-group">
      <h2 id={headingId}>
        {group.label} <span className="count">({group.count})</span>
      </h2>
      {group.count === 0 && <p className="muted">Rien pour le moment.</p>}
      {batch && (
        <div className="batch-bar">
          <label>
            <input type="checkbox" checked={allChosen} onChange={(e) => onSelectAll(group.items, e.target.checked)} /> Tout sélectionner sur cette page
          </label>
          <button type="button" className="primary" disabled={chosen.length === 0 || busy} onClick={onBatch}>
            {actionLabel} la sélection ({chosen.length})
          </button>
        </div>
      )}
      {group.items.length > 0 && (
        <ol className="inbox-items" start={first} aria-label={`${group.label}, du plus ancien au plus récent`}>
          {group.items.map((item) => (
            <li key={itemKey(item)} className="inbox-item">
              {batch && (
                <input
                  type="checkbox"
                  id={`select-${item.documentId}`}
                  checked={selected.has(itemKey(item))}
                  onChange={(e) => onSelect(item, e.target.checked)}
                  aria-label={`Sélectionner «\u00a0${item.title}\u00a0»${item.service ? ` (${item.service.name})` : ''}`}
                />
              )}
              <div className="inbox-item-body">
                <Link to={`/a-traiter/${item.collection}/${item.documentId}`} className="inbox-title">
                  {item.title}
                </Link>
                <p className="inbox-meta">
                  <span>{item.type}</span>
                  {item.service && <span>{item.service.name}</span>}
                  <span className={`badge state-${item.workflowState}`}>{item.stateLabel}</span>
                  <time dateTime={item.waitingSince} title={`Dans cet état depuis le ${formatDate(item.waitingSince)}`}>
                    {formatWaiting(item.waitingDays)}
                  </time>
                </p>
                {item.lastEvent && (
                  <div className="inbox-reason">
                    <p>
                      {`Retour de ${item.lastEvent.actor} (${item.lastEvent.actionLabel}), le ${formatDate(item.lastEvent.at)}${item.lastEvent.comment ? '\u00a0:' : '.'}`}
                    </p>
                    {item.lastEvent.comment && <blockquote>{item.lastEvent.comment}</blockquote>}
                  </div>
                )}
              </div>
            </li>
          ))}
        </ol>
      )}
      {!alone && group.pageCount > 1 && (
        <p>
          <Link to={pageHref(1)}>
            {`Voir les ${countOf(group.count, 'document')} du groupe «\u00a0${group.label}\u00a0»`}
          </Link>
        </p>
      )}
      {alone && group.pageCount > 1 && (
        <nav className="pager" aria-label={`Pages du groupe «\u00a0${group.label}\u00a0»`}>
          {group.page > 1 && <Link to={pageHref(group.page - 1)}>Page précédente</Link>}
          <span aria-current="page">
            Page {group.page} sur {group.pageCount}
          </span>
          {group.page < group.pageCount && <Link to={pageHref(group.page + 1)}>Page suivante</Link>}
        </nav>
      )}
    </section>
  );
}
