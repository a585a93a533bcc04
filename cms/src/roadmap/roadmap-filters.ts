import { ROADMAP_STATUSES, type RoadmapFilters, type RoadmapStatus } from '@charte/contract';
import { choiceLabels } from '../platform/config/labels';
import { HttpError, shown } from '../platform/http/http-error';

const SLUG = /^[a-z0-9-]{1,120}$/;
const ALLOWED = new Set(['groupBy', 'service', 'status', 'late']);

function single(query: Record<string, unknown>, name: string): string | undefined {
  const value = query[name];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw new HttpError(400, `Le filtre « ${name} » ne peut avoir qu’une valeur.`);
  return value;
}

/** The query string of GET /api/roadmap (and its export), checked; French message on a bad value. */
export function parseRoadmapFilters(query: Record<string, unknown>): RoadmapFilters {
  const unknown = Object.keys(query).filter((key) => !ALLOWED.has(key));
  if (unknown.length) throw new HttpError(400, `Filtre inconnu : ${unknown.map((k) => shown(k)).join(', ')}. Filtres possibles : groupBy, service, status, late.`);
  const groupBy = single(query, 'groupBy') ?? 'principle';
  if (groupBy !== 'principle' && groupBy !== 'service') throw new HttpError(400, `Regroupement inconnu : ${shown(groupBy)}. Choisissez groupBy=principle (par principe) ou groupBy=service (par service).`);
  const service = single(query, 'service');
  if (service !== undefined && !SLUG.test(service)) throw new HttpError(400, `Service inconnu : ${shown(service)}. Indiquez son identifiant court (par exemple accueil-etat-civil).`);
  const status = single(query, 'status');
  if (status !== undefined && !(ROADMAP_STATUSES as readonly string[]).includes(status)) {
    const labels = choiceLabels();
    throw new HttpError(400, `Statut inconnu : ${shown(status)}. Statuts possibles : ${ROADMAP_STATUSES.map((s) => `${s} (${labels[s]})`).join(', ')}.`);
  }
  const late = single(query, 'late');
  if (late !== undefined && late !== 'true' && late !== 'false') throw new HttpError(400, 'Filtre « late » (en retard) invalide : late=true ou late=false.');
  return { groupBy, service, status: status as RoadmapStatus | undefined, late: late === undefined ? undefined : late === 'true' };
}
