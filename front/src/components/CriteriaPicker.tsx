import { useCriterionOptions } from '../lib/filter-options';

/**
 * The référentiel's criteria a document is linked to, as a list of check boxes (the forms of an
 * interview and of a charter principle): a group with its legend, scrollable when long.
 */
export function CriteriaPicker({ id, legend, value, onChange }: { id: string; legend: string; value: string[]; onChange: (next: string[]) => void }) {
  const criteria = useCriterionOptions();
  const toggle = (documentId: string, on: boolean) => onChange(on ? [...value, documentId] : value.filter((v) => v !== documentId));
  return (
    <fieldset className="field criteria-picker" id={id}>
      <legend>{legend}</legend>
      {criteria.isPending && <p className="muted">Chargement des engagements…</p>}
      {criteria.data?.length === 0 && <p className="muted">Aucun engagement dans le référentiel.</p>}
      <div className="criteria-list">
        {criteria.data?.map((c) => (
          <label key={c.documentId} className="check">
            <input type="checkbox" checked={value.includes(c.documentId)} onChange={(e) => toggle(c.documentId, e.target.checked)} />
            <span>{c.label}</span>
          </label>
        ))}
      </div>
      <p className="muted" aria-live="polite">
        {value.length === 0 ? 'Aucun engagement choisi.' : value.length === 1 ? '1 engagement choisi.' : `${value.length} engagements choisis.`}
      </p>
    </fieldset>
  );
}
