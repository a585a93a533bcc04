import type { ServiceProgress } from '@charte/contract';

const SEGMENTS = [
  { key: 'approved', label: 'Approuvées' },
  { key: 'validated', label: 'Validées' },
  { key: 'submitted', label: 'Soumises' },
  { key: 'draft', label: 'Brouillons' },
] as const;

/** Evaluations by workflow state: a stacked bar for the eye, the same figures as text for everyone. */
export function StateBar({ evaluations }: { evaluations: ServiceProgress['evaluations'] }) {
  const total = evaluations.total || 1;
  return (
    <div className="state-bar">
      <div className="bar" aria-hidden="true">
        {SEGMENTS.map(({ key }) =>
          evaluations[key] ? <span key={key} className={`segment state-${key}`} style={{ width: `${(100 * evaluations[key]) / total}%` }} /> : null,
        )}
      </div>
      <ul className="legend">
        {SEGMENTS.map(({ key, label }) => (
          <li key={key}>
            <span className={`swatch state-${key}`} aria-hidden="true" /> {label} : {evaluations[key]}
          </li>
        ))}
      </ul>
    </div>
  );
}
