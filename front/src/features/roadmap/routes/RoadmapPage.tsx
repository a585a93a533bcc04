import { choiceLabel, fieldLabel, ROADMAP_STATUSES, type RoadmapFilters } from '@charte/contract';
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { ErrorMessage, Loading } from '../../../components/Loading';
import { useSession } from '../../../lib/auth';
import { useDownload } from '../../../lib/download';
import { useServiceOptions } from '../../../lib/filter-options';
import { useLabels } from '../../../lib/labels';
import { roadmapQuery, useRoadmap } from '../api/roadmap';
import { formatDate } from '../../../lib/format';
import { RoadmapTable } from '../components/RoadmapTable';
import { RoadmapTimeline } from '../components/RoadmapTimeline';
import { timelineScale } from '../components/timeline-scale';
import '../roadmap.css';

/**
 * « Feuille de route » : the improvement actions grouped by principle of the charter or by service,
 * as a table or a time line, late ones marked; filters live in the address (shareable, back button).
 */
export function RoadmapPage() {
  const [params, setParams] = useSearchParams();
  const filters: RoadmapFilters = {
    groupBy: params.get('regroupement') === 'service' ? 'service' : 'principle',
    service: params.get('service') ?? undefined,
    status: ROADMAP_STATUSES.find((status) => status === params.get('statut')),
    late: params.get('retard') === 'oui' ? true : undefined,
  };
  const view = params.get('vue') === 'chronologie' ? 'timeline' : 'table';
  const roadmap = useRoadmap(filters);
  const services = useServiceOptions();
  const download = useDownload();
  const labels = useLabels();
  const session = useSession();
  // The service's staff write their actions; the référent qualité, who sees every service, too.
  const canCreate = Boolean(session.data && (session.data.services.length > 0 || session.data.role.type === 'referent-qualite'));
  // From the address as it is when the change applies, not as this render saw it (two quick clicks).
  const set = (name: string, value: string | undefined) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );
  const groups = roadmap.data?.data ?? [];
  const scale = useMemo(() => (roadmap.data?.data.length ? timelineScale(roadmap.data.data, roadmap.data.meta.today) : null), [roadmap.data]);

  return (
    <section aria-labelledby="roadmap-title" className="roadmap">
      <h1 id="roadmap-title" tabIndex={-1}>
        Feuille de route
      </h1>
      {canCreate && (
        <p>
          <Link className="button primary" to="/feuille-de-route/nouvelle">
            Nouvelle action
          </Link>
        </p>
      )}
      <form className="roadmap-filters" onSubmit={(e) => e.preventDefault()}>
        <fieldset>
          <legend>Regrouper</legend>
          <label>
            <input type="radio" name="groupBy" checked={filters.groupBy === 'principle'} onChange={() => set('regroupement', undefined)} /> par principe
          </label>
          <label>
            <input type="radio" name="groupBy" checked={filters.groupBy === 'service'} onChange={() => set('regroupement', 'service')} /> par service
          </label>
        </fieldset>
        <fieldset>
          <legend>Affichage</legend>
          <label>
            <input type="radio" name="view" checked={view === 'table'} onChange={() => set('vue', undefined)} /> tableau
          </label>
          <label>
            <input type="radio" name="view" checked={view === 'timeline'} onChange={() => set('vue', 'chronologie')} /> chronologie
          </label>
        </fieldset>
        <div className="field">
          <label htmlFor="roadmap-service">{fieldLabel(labels, 'roadmap-action', 'service')}</label>
          <select id="roadmap-service" value={filters.service ?? ''} onChange={(e) => set('service', e.target.value || undefined)}>
            <option value="">Tous mes services</option>
            {services.data?.map((s) => (
              <option key={s.documentId} value={s.slug}>
                {s.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="roadmap-status">{fieldLabel(labels, 'roadmap-action', 'actionStatus')}</label>
          <select id="roadmap-status" value={filters.status ?? ''} onChange={(e) => set('statut', e.target.value || undefined)}>
            <option value="">Tous les statuts</option>
            {ROADMAP_STATUSES.map((value) => (
              <option key={value} value={value}>
                {choiceLabel(labels, value)}
              </option>
            ))}
          </select>
        </div>
        <label className="roadmap-late-only">
          <input type="checkbox" checked={filters.late === true} onChange={(e) => set('retard', e.target.checked ? 'oui' : undefined)} /> seulement les actions en
          retard
        </label>
        <button
          type="button"
          onClick={() => download.mutate({ path: `/api/roadmap/export.xlsx${roadmapQuery(filters)}`, fallbackName: 'feuille-de-route.xlsx' })}
          disabled={download.isPending}
        >
          {download.isPending ? 'Préparation…' : 'Télécharger (.xlsx)'}
        </button>
      </form>
      {download.isError && <ErrorMessage error={download.error} />}
      {roadmap.isPending && <Loading label="Chargement de la feuille de route…" />}
      {roadmap.isError && <ErrorMessage error={roadmap.error} />}
      {roadmap.data && (
        <>
          <p className="lead" role="status">
            {roadmap.data.meta.total} action{roadmap.data.meta.total > 1 ? 's' : ''}
            {roadmap.data.meta.late > 0 ? `, dont ${roadmap.data.meta.late} en retard` : ', aucune en retard'} au {formatDate(roadmap.data.meta.today)}.
          </p>
          {groups.length === 0 && <p>Aucune action ne correspond à ces filtres.</p>}
          {view === 'table' &&
            groups.map((group) => (
              <section key={group.key} aria-label={group.label}>
                <RoadmapTable group={group} groupBy={filters.groupBy} />
              </section>
            ))}
          {view === 'timeline' && scale && (
            <>
              <p className="muted">
                Chaque barre va du début à l’échéance de l’action ; sa partie foncée montre l’avancement. Le trait vertical marque aujourd’hui ({formatDate(roadmap.data.meta.today)}).
              </p>
              <RoadmapTimeline groups={groups} scale={scale} />
            </>
          )}
        </>
      )}
    </section>
  );
}

export default RoadmapPage;
