import { useId, useState } from 'react';
import { ErrorMessage } from '../../../components/Loading';
import { formatDateTime } from '../../../lib/format';
import { useManagementReview, useReviewDownload, useSaveDecisions } from '../api/review';

const FIRST_YEAR = 2020;

/**
 * The annual management review (« revue de direction ») for the DGS and the élus: the decisions of
 * the year, written here, and the document gathering the year's figures, as PDF or as Word to edit.
 */
export function ManagementReviewPanel() {
  const current = new Date().getFullYear();
  const [year, setYear] = useState(current);
  const review = useManagementReview(year);
  const download = useReviewDownload();
  const id = useId();
  const years = Array.from({ length: current - FIRST_YEAR + 1 }, (_, i) => current - i);
  return (
    <section aria-labelledby={`${id}-title`} className="panel">
      <h2 id={`${id}-title`}>Revue de direction</h2>
      <p>
        Le dossier annuel pour la direction générale et les élus : conformité par service et par thème, indicateurs, réclamations, enquêtes, tests mystères,
        feuille de route, et les décisions de l’année.
      </p>
      <p>
        <label htmlFor={`${id}-year`}>Année</label>{' '}
        <select id={`${id}-year`} value={year} onChange={(e) => setYear(Number(e.target.value))}>
          {years.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
      </p>
      {/* Keyed by year: the field starts from what is recorded for that year. */}
      {review.data && <DecisionsForm key={year} year={year} stored={review.data.decisions} updatedAt={review.data.decisionsUpdatedAt} />}
      <p className="report-download">
        <button type="button" onClick={() => download.mutate({ year, format: 'pdf' })} disabled={download.isPending}>
          Télécharger la revue {year} (PDF)
        </button>{' '}
        <button type="button" onClick={() => download.mutate({ year, format: 'docx' })} disabled={download.isPending}>
          Télécharger la revue {year} (Word)
        </button>
      </p>
      <div role="status" aria-live="polite">
        {download.isPending && <p className="loading">Préparation du document…</p>}
        {download.isSuccess && <p className="muted">Téléchargé : {download.data}</p>}
      </div>
      {review.isError && <ErrorMessage error={review.error} />}
      {download.isError && <ErrorMessage error={download.error} />}
    </section>
  );
}

function DecisionsForm({ year, stored, updatedAt }: { year: number; stored: string; updatedAt: string | null }) {
  const save = useSaveDecisions(year);
  const [decisions, setDecisions] = useState(stored);
  const id = useId();
  return (
    <form
      className="review-decisions"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(decisions);
      }}
    >
      <label htmlFor={`${id}-decisions`}>Décisions à consigner</label>
      <textarea id={`${id}-decisions`} rows={5} value={decisions} onChange={(e) => setDecisions(e.target.value)} maxLength={20000} aria-describedby={`${id}-hint`} />
      <p id={`${id}-hint`} className="muted">
        Une décision par paragraphe (séparez-les par une ligne vide).
        {updatedAt ? ` Dernier enregistrement : ${formatDateTime(updatedAt)}.` : ''}
      </p>
      <button type="submit" disabled={save.isPending}>
        {save.isPending ? 'Enregistrement…' : 'Enregistrer les décisions'}
      </button>
      <div role="status" aria-live="polite">{save.isSuccess && <p className="muted">Décisions enregistrées.</p>}</div>
      {save.isError && <ErrorMessage error={save.error} />}
    </form>
  );
}
