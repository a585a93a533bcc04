import { fieldLabel, typeLabel } from '@charte/contract';
import { useState } from 'react';
import { ErrorMessage } from '../../../components/Loading';
import { useDownload } from '../../../lib/download';
import { useCampaignOptions, useServiceOptions, useThemeOptions } from '../../../lib/filter-options';
import { useLabels } from '../../../lib/labels';
import { queryString } from '../../../lib/query-string';
import '../exports.css';

/** « Exports » : the evaluations as a spreadsheet, filtered; each person gets only what they may read. */
export function ExportsPage() {
  const campaigns = useCampaignOptions();
  const services = useServiceOptions();
  const themes = useThemeOptions();
  const download = useDownload();
  const labels = useLabels();
  const [filters, setFilters] = useState<Record<'campaign' | 'service' | 'theme' | 'state', string>>({ campaign: '', service: '', theme: '', state: '' });
  const set = (name: keyof typeof filters) => (e: React.ChangeEvent<HTMLSelectElement>) => setFilters({ ...filters, [name]: e.target.value });
  const start = (format: 'xlsx' | 'csv') =>
    download.mutate({ path: `/api/exports/evaluations.${format}${queryString(filters)}`, fallbackName: `evaluations.${format}` });

  return (
    <section aria-labelledby="exports-title">
      <h1 id="exports-title" tabIndex={-1}>
        Exports
      </h1>
      <form className="panel export-panel" onSubmit={(e) => e.preventDefault()} aria-labelledby="export-evaluations">
        <h2 id="export-evaluations">{typeLabel(labels, 'evaluation', true)}</h2>
        <p className="muted">
          Une ligne par évaluation : campagne, service, thème, engagement, résultat, état, constats, points forts, écarts, recommandation et dates. Vous ne
          recevez que les services que vous pouvez consulter.
        </p>
        <div className="export-filters">
          <div className="field">
            <label htmlFor="export-campaign">{fieldLabel(labels, 'evaluation', 'campaign')}</label>
            <select id="export-campaign" value={filters.campaign} onChange={set('campaign')}>
              <option value="">Toutes les campagnes</option>
              {campaigns.data?.map((c) => (
                <option key={c.documentId} value={c.documentId}>
                  {c.label}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="export-service">{fieldLabel(labels, 'evaluation', 'service')}</label>
            <select id="export-service" value={filters.service} onChange={set('service')}>
              <option value="">Tous mes services</option>
              {services.data?.map((s) => (
                <option key={s.documentId} value={s.slug}>
                  {s.label}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="export-theme">{fieldLabel(labels, 'criterion', 'theme')}</label>
            <select id="export-theme" value={filters.theme} onChange={set('theme')}>
              <option value="">Tous les thèmes</option>
              {themes.data?.map((t) => (
                <option key={t.documentId} value={t.documentId}>
                  {t.label}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="export-state">{fieldLabel(labels, 'evaluation', 'workflowState')}</label>
            <select id="export-state" value={filters.state} onChange={set('state')}>
              <option value="">Tous les états</option>
              {Object.entries(labels.states).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="buttons">
          <button type="button" className="primary" onClick={() => start('xlsx')} disabled={download.isPending}>
            Exporter en Excel (.xlsx)
          </button>
          <button type="button" onClick={() => start('csv')} disabled={download.isPending}>
            Exporter en CSV (;)
          </button>
        </div>
        <div aria-live="polite">
          {download.isPending && <p role="status">Préparation du fichier…</p>}
          {download.isSuccess && <p className="success">Fichier « {download.data} » téléchargé.</p>}
        </div>
        {download.isError && <ErrorMessage error={download.error} />}
      </form>
    </section>
  );
}

export default ExportsPage;
