import { choiceLabel, type ModelLabels, type MysteryPoint } from '@charte/contract';

export type PointValue = boolean | number | string | undefined;

/** The four levels of an observation on the scale: what the tester saw, not a satisfaction. */
const LEVELS = { 4: 'Très bien', 3: 'Bien', 2: 'Insuffisant', 1: 'Très insuffisant' } as const;

export const pointId = (point: MysteryPoint) => `point-${point.id}`;
export const isComputed = (point: MysteryPoint) => point.unit === 'days' || point.unit === 'working-days';

/** When a point succeeds, in words: « Objectif : oui », « 4 au plus », « 10 minutes au plus », « au moins Bien ». */
export function targetText(point: MysteryPoint, labels: ModelLabels): string | null {
  if (point.kind === 'text') return null;
  if (point.kind === 'yes-no') return 'Objectif : oui';
  if (point.kind === 'scale') {
    const level = (point.target ?? 3) as keyof typeof LEVELS;
    return `Objectif : au moins « ${LEVELS[level]} »`;
  }
  const unit = point.unit ? ` ${choiceLabel(labels, point.unit).toLowerCase()}` : '';
  return `Objectif : ${point.target}${unit} au plus`;
}

interface Props {
  point: MysteryPoint;
  index: number;
  value: PointValue;
  /** The delay computed from the dates, for a delay in days. */
  computed: number | null;
  error: string | undefined;
  labels: ModelLabels;
  disabled: boolean;
  onChange: (value: PointValue) => void;
}

/**
 * One observation point of the grid, sized for a phone: large radio buttons for yes-no and the
 * scale, a numeric keyboard for counts and durations, a text area for remarks; a delay in days is
 * shown, computed from the send and answer dates, never typed.
 */
export function PointField({ point, index, value, computed, error, labels, disabled, onChange }: Props) {
  const id = pointId(point);
  const errorId = `${id}-erreur`;
  const hintId = `${id}-aide`;
  const target = targetText(point, labels);
  const hint = target && (
    <p id={hintId} className="muted">
      {target}
    </p>
  );
  const errorText = error && (
    <p id={errorId} className="error">
      {error}
    </p>
  );
  const describedBy = [target ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  const title = `${index + 1}. ${point.label}`;

  if (isComputed(point)) {
    const unit = choiceLabel(labels, point.unit).toLowerCase();
    return (
      <div className="mystery-point">
        <p className="point-title">{title}</p>
        {hint}
        <p>{computed === null ? 'Calculé dès que les dates d’envoi et de réponse sont saisies et enregistrées.' : `${computed} ${unit}, calculé à partir des dates.`}</p>
      </div>
    );
  }
  if (point.kind === 'count' || point.kind === 'duration') {
    const unit = point.kind === 'duration' ? ` (${choiceLabel(labels, point.unit).toLowerCase()})` : '';
    return (
      <div className="mystery-point field">
        <label htmlFor={id} className="point-title">
          {title}
          {unit}
        </label>
        {hint}
        {errorText}
        <input
          id={id}
          type="number"
          inputMode={point.kind === 'count' ? 'numeric' : 'decimal'}
          min={0}
          step={point.kind === 'count' ? 1 : 'any'}
          value={typeof value === 'number' ? value : ''}
          disabled={disabled}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          onChange={(event) => onChange(event.target.value === '' ? undefined : Number(event.target.value))}
        />
      </div>
    );
  }
  if (point.kind === 'text') {
    return (
      <div className="mystery-point field">
        <label htmlFor={id} className="point-title">
          {title} <span className="muted">(facultatif)</span>
        </label>
        {errorText}
        <textarea id={id} rows={3} maxLength={2000} value={typeof value === 'string' ? value : ''} disabled={disabled} aria-describedby={describedBy} onChange={(event) => onChange(event.target.value || undefined)} />
      </div>
    );
  }
  const choices: { value: boolean | number; label: string }[] =
    point.kind === 'yes-no'
      ? [
          { value: true, label: 'Oui' },
          { value: false, label: 'Non' },
        ]
      : ([4, 3, 2, 1] as const).map((n) => ({ value: n, label: `${n} – ${LEVELS[n]}` }));
  return (
    <fieldset className="mystery-point" id={id} aria-describedby={describedBy} tabIndex={-1}>
      <legend className="point-title">{title}</legend>
      {hint}
      {errorText}
      <div className={point.kind === 'scale' ? 'point-choices vertical' : 'point-choices'}>
        {choices.map((choice, i) => (
          <label key={String(choice.value)} className="point-choice" htmlFor={`${id}-${i}`}>
            <input id={`${id}-${i}`} type="radio" name={id} checked={value === choice.value} disabled={disabled} onChange={() => onChange(choice.value)} />
            {choice.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
