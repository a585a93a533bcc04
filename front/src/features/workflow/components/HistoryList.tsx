import { choiceLabel, fieldLabel } from '@charte/contract';
import { ErrorMessage, Loading } from '../../../components/Loading';
import { formatDateTime } from '../../../lib/format';
import { useLabels } from '../../../lib/labels';
import { useHistory } from '../api/workflow';

/** A document's workflow history, oldest first; `type` names the fields a follow-up changed. */
export function HistoryList({ collection, documentId, type }: { collection: string; documentId: string; type?: string }) {
  const history = useHistory(collection, documentId);
  const labels = useLabels();
  const state = (s: string) => choiceLabel(labels, s);
  if (history.isPending) return <Loading label="Chargement de l’historique…" />;
  if (history.isError) return <ErrorMessage error={history.error} />;
  if (!history.data.length) return <p className="muted">Aucune action pour l’instant : la fiche est à l’état initial.</p>;
  return (
    <ol className="history">
      {history.data.map((event, i) => (
        <li key={i}>
          <strong>{event.actionLabel}</strong> par {event.actor} <span className="muted">({formatDateTime(event.at)})</span>
          {event.from === event.to ? null : (
            <>
              {' '}
              — {state(event.from)} → {state(event.to)}
            </>
          )}
          {event.changes && type && (
            <p className="history-changes">
              {Object.entries(event.changes)
                .map(([field, value]) => `${fieldLabel(labels, type, field)} : ${typeof value === 'number' ? value : choiceLabel(labels, value)}`)
                .join(' · ')}
            </p>
          )}
          {event.comment && <blockquote>{event.comment}</blockquote>}
        </li>
      ))}
    </ol>
  );
}
