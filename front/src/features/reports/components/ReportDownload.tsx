import type { ReportRequest } from '@charte/contract';
import { useId, useState } from 'react';
import { ErrorMessage } from '../../../components/Loading';
import { useReportDownload } from '../api/report-download';

const BUTTON: Record<ReportRequest['kind'], string> = {
  evaluation: 'Télécharger le rapport (PDF)',
  synthesis: 'Télécharger la synthèse (PDF)',
};

/**
 * The report's download button, with the « version de travail » option: the final report holds only
 * validated or approved entries; the working draft holds them all, watermarked.
 */
export function ReportDownload({ kind, campaign, service }: Omit<ReportRequest, 'draft' | 'format'>) {
  const [draft, setDraft] = useState(false);
  const download = useReportDownload();
  const id = useId();
  return (
    <div className="report-download">
      {/* The option first, on its own line: on a phone it then never wraps between two buttons. */}
      <label className="report-draft" htmlFor={`${id}-draft`}>
        <input id={`${id}-draft`} type="checkbox" checked={draft} onChange={(e) => setDraft(e.target.checked)} />
        Version de travail
      </label>
      <div className="report-buttons">
        <button type="button" onClick={() => download.mutate({ kind, campaign, service, draft })} disabled={download.isPending} aria-describedby={`${id}-hint`}>
          {download.isPending ? 'Préparation du document…' : BUTTON[kind]}
        </button>
        {/* The evaluation report also comes as Word, for the référent to edit before sending it. */}
        {kind === 'evaluation' && (
          <button type="button" onClick={() => download.mutate({ kind, campaign, service, draft, format: 'docx' })} disabled={download.isPending} aria-describedby={`${id}-hint`}>
            Télécharger le rapport (Word)
          </button>
        )}
      </div>
      <p id={`${id}-hint`} className="muted">
        {draft
          ? 'Version de travail : toutes les fiches, quel que soit leur état, avec la mention « Document de travail » sur chaque page.'
          : 'Rapport final : seulement les fiches validées ou approuvées.'}
      </p>
      <div role="status" aria-live="polite">
        {download.isSuccess && <p className="muted">Téléchargé : {download.data}</p>}
      </div>
      {download.isError && <ErrorMessage error={download.error} />}
    </div>
  );
}
