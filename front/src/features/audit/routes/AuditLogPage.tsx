import { fieldLabel, type AuditEntry } from '@charte/contract';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { ErrorMessage, Loading } from '../../../components/Loading';
import { formatDateTime } from '../../../lib/format';
import { useLabels } from '../../../lib/labels';
import { useAuditLog, type AuditFilters } from '../api/audit';

const EMPTY: AuditFilters = { type: '', documentId: '', actor: '', from: '', to: '', page: 1 };

/** A link from a document's page opens the journal on that document: /journal?type=…&document=… */
function filtersFromAddress(search: URLSearchParams): AuditFilters {
  return { ...EMPTY, type: search.get('type') ?? '', documentId: search.get('document') ?? '' };
}

const ORIGINS: Record<AuditEntry['origin'], string> = { rest: 'application', admin: 'administration', script: 'traitement automatique' };

function who(entry: AuditEntry): string {
  if (entry.actor.kind === 'public') return 'Visiteur (formulaire public)';
  if (entry.actor.kind === 'system') return entry.actor.name ?? 'Système';
  const name = entry.actor.name ?? `n° ${entry.actor.id}`;
  return entry.actor.kind === 'admin' ? `${name} (administration)` : name;
}

/** The document by its title (a link when the front shows it), its type and its service. */
function Target({ entry }: { entry: AuditEntry }) {
  const { contentType, documentId, document } = entry;
  const title = document?.title ?? (documentId ? 'document supprimé' : null);
  const linked = contentType.collection && documentId && document && entry.action !== 'delete';
  return (
    <>
      {linked ? <Link to={`/a-traiter/${contentType.collection}/${documentId}`}>{title}</Link> : title && <span>{title}</span>}
      <br />
      <span className="muted">
        {contentType.label}
        {document?.service && ` · ${document.service}`}
      </span>
    </>
  );
}

function Changes({ entry }: { entry: AuditEntry }) {
  const labels = useLabels();
  if (!entry.changes.length) return <span className="muted">—</span>;
  return (
    <ul className="audit-changes">
      {entry.changes.map((change) => (
        <li key={change.field}>
          <strong>{change.label}</strong> :{' '}
          {change.masked ? (
            <em>modifié (valeur non conservée)</em>
          ) : (
            <>
              {entry.action !== 'create' && <span>{change.before ?? '(vide)'}</span>}
              {entry.action !== 'create' && entry.action !== 'delete' && ' → '}
              {entry.action !== 'delete' && <span>{change.after ?? '(vide)'}</span>}
            </>
          )}
        </li>
      ))}
      {entry.detail?.comment && (
        <li>
          <strong>{fieldLabel(labels, 'workflow-event', 'comment')}</strong> : {entry.detail.comment}
        </li>
      )}
    </ul>
  );
}

/** « Journal des modifications »: who changed what and when, whatever the door (docs/features/audit-log.md). */
export default function AuditLogPage() {
  const [search, setSearch] = useSearchParams();
  const [draft, setDraft] = useState(() => filtersFromAddress(search));
  const [filters, setFilters] = useState(() => filtersFromAddress(search));
  const log = useAuditLog(filters);
  const labels = useLabels();
  const set = (key: keyof AuditFilters) => (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [key]: e.target.value }));
  const apply = (e: FormEvent) => {
    e.preventDefault();
    setFilters({ ...draft, page: 1 });
  };
  const pagination = log.data?.meta.pagination;

  return (
    <section aria-labelledby="journal-titre">
      <h1 id="journal-titre" tabIndex={-1}>
        Journal des modifications
      </h1>
      <p className="lead">
        Chaque création, modification, suppression et changement d’état, dans l’application comme dans l’administration, avec son auteur et sa date.
        Le journal ne peut être ni modifié ni effacé. Les données personnelles (notes d’entretien, coordonnées des usagers) y figurent comme « modifiées », sans leur valeur.
      </p>
      <form className="toolbar" onSubmit={apply} aria-label="Filtrer le journal">
        <label htmlFor="journal-type">Type</label>
        <select id="journal-type" value={draft.type} onChange={set('type')}>
          <option value="">Tous</option>
          {log.data?.meta.types.map((t) => (
            <option key={t.uid} value={t.uid}>
              {t.label}
            </option>
          ))}
        </select>
        <label htmlFor="journal-qui">Qui</label>
        <input id="journal-qui" type="search" value={draft.actor} onChange={set('actor')} maxLength={100} />
        <label htmlFor="journal-du">Du</label>
        <input id="journal-du" type="date" value={draft.from} onChange={set('from')} />
        <label htmlFor="journal-au">Au</label>
        <input id="journal-au" type="date" value={draft.to} onChange={set('to')} />
        <button type="submit" className="primary">
          Filtrer
        </button>
        <button type="button" onClick={() => (setDraft(EMPTY), setFilters(EMPTY), setSearch({}))}>
          Effacer les filtres
        </button>
      </form>
      {filters.documentId && (
        <p className="toolbar" role="status">
          Modifications d’un seul document{log.data?.data[0]?.document ? ` : « ${log.data.data[0].document.title} »` : ''}.
          <button type="button" onClick={() => (setDraft((d) => ({ ...d, documentId: '' })), setFilters((f) => ({ ...f, documentId: '', page: 1 })), setSearch({}))}>
            Voir tout le journal
          </button>
        </p>
      )}
      {log.isPending && <Loading />}
      {log.isError && <ErrorMessage error={log.error} />}
      {log.data && pagination && (
        <>
          <table className="audit-log">
            <caption>
              {pagination.total} modification{pagination.total > 1 ? 's' : ''}, les plus récentes d’abord
              {pagination.pageCount > 1 && ` — page ${pagination.page} sur ${pagination.pageCount}`}
            </caption>
            <thead>
              <tr>
                <th scope="col" className="col-at">{fieldLabel(labels, 'workflow-event', 'at')}</th>
                <th scope="col" className="col-who">Qui</th>
                <th scope="col" className="col-what">Quoi</th>
                <th scope="col" className="col-action">{fieldLabel(labels, 'workflow-event', 'action')}</th>
                <th scope="col">Changements</th>
              </tr>
            </thead>
            <tbody>
              {log.data.data.length === 0 && (
                <tr>
                  <td colSpan={5}>Aucune modification pour ces filtres.</td>
                </tr>
              )}
              {log.data.data.map((entry) => (
                <tr key={entry.id}>
                  <th scope="row">{formatDateTime(entry.at)}</th>
                  <td data-label="Qui">
                    {who(entry)}
                    <br />
                    <span className="muted">via {ORIGINS[entry.origin]}</span>
                  </td>
                  <td data-label="Quoi">
                    <Target entry={entry} />
                  </td>
                  <td data-label={fieldLabel(labels, 'workflow-event', 'action')}>{entry.actionLabel}</td>
                  <td data-label="Changements">
                    <Changes entry={entry} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {pagination.pageCount > 1 && (
            <div className="toolbar">
              <button type="button" disabled={pagination.page <= 1} onClick={() => setFilters((f) => ({ ...f, page: f.page - 1 }))}>
                Page précédente
              </button>
              <span>
                Page {pagination.page} sur {pagination.pageCount}
              </span>
              <button type="button" disabled={pagination.page >= pagination.pageCount} onClick={() => setFilters((f) => ({ ...f, page: f.page + 1 }))}>
                Page suivante
              </button>
            </div>
          )}
        </>
      )}
    </section>
  );
}
