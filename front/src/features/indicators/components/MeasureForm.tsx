import { choiceLabel, fieldLabel, unitSymbol, type IndicatorSummary } from '@charte/contract';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { ApiError } from '../../../lib/api-client';
import { useSession } from '../../../lib/auth';
import { useCreateMeasure } from '../api/indicators';
import { formatTarget } from '../../../lib/indicator-format';
import { useLabels } from '../../../lib/labels';

const PERIOD_OF: Record<string, string> = {
  mensuelle: 'du mois',
  trimestrielle: 'du trimestre',
  semestrielle: 'du semestre',
  annuelle: 'de l’année',
};

/**
 * Entering a measure for one's service: it is saved as a draft, then the measure's page offers
 * « Soumettre » (the workflow buttons) so that the head validates it.
 */
export function MeasureForm({ indicators }: { indicators: IndicatorSummary[] }) {
  const session = useSession();
  const labels = useLabels();
  const navigate = useNavigate();
  const create = useCreateMeasure();
  const services = session.data?.services ?? [];
  const [indicatorId, setIndicatorId] = useState(indicators[0]?.documentId ?? '');
  const indicator = indicators.find((i) => i.documentId === indicatorId);
  const [period, setPeriod] = useState(indicator?.duePeriod.start ?? '');
  const [service, setService] = useState(services[0]?.documentId ?? '');
  const [value, setValue] = useState('');
  const [comment, setComment] = useState('');
  const error = create.error instanceof ApiError ? create.error.message : create.error ? 'L’enregistrement a échoué.' : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      {
        indicator: indicatorId,
        ...(service ? { service } : {}),
        period,
        value: Number(value.replace(',', '.')),
        ...(comment.trim() ? { comment: comment.trim() } : {}),
      },
      {
        onSuccess: (measure) => navigate(`/a-traiter/measures/${measure.documentId}`),
      },
    );
  };

  return (
    <form className="measure-form" onSubmit={submit} aria-describedby="measure-help">
      <p id="measure-help" className="muted">
        La mesure est enregistrée en brouillon ; soumettez-la ensuite pour que le chef de service la valide. Seules les mesures validées comptent.
      </p>
      <div className="field">
        <label htmlFor="measure-indicator">{fieldLabel(labels, 'measure', 'indicator')}</label>
        <select
          id="measure-indicator"
          value={indicatorId}
          onChange={(e) => {
            setIndicatorId(e.target.value);
            setPeriod(indicators.find((i) => i.documentId === e.target.value)?.duePeriod.start ?? period);
          }}
        >
          {indicators.map((i) => (
            <option key={i.documentId} value={i.documentId}>
              {i.code} — {i.name}
            </option>
          ))}
        </select>
      </div>
      {services.length > 1 && (
        <div className="field">
          <label htmlFor="measure-service">{fieldLabel(labels, 'measure', 'service')}</label>
          <select id="measure-service" value={service} onChange={(e) => setService(e.target.value)}>
            {services.map((s) => (
              <option key={s.documentId} value={s.documentId}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="field">
        <label htmlFor="measure-period">Période mesurée</label>
        <input id="measure-period" type="date" required value={period} onChange={(e) => setPeriod(e.target.value)} aria-describedby="measure-period-help" />
        <span id="measure-period-help" className="muted">
          N’importe quel jour de la période : la mesure est datée du premier jour {indicator ? PERIOD_OF[indicator.frequency] : 'de la période'}
          {indicator && ` (dernière période échue : ${indicator.duePeriod.label})`}.
        </span>
      </div>
      <div className="field">
        <label htmlFor="measure-value">
          {fieldLabel(labels, 'measure', 'value')} {indicator && `(${unitSymbol(labels, indicator.unit) || choiceLabel(labels, indicator.unit)})`}
        </label>
        <input id="measure-value" inputMode="decimal" required value={value} onChange={(e) => setValue(e.target.value)} aria-describedby="measure-value-help" />
        {indicator && (
          <span id="measure-value-help" className="muted">
            Objectif : {formatTarget(indicator.target, indicator.direction, indicator.unit, labels)}
          </span>
        )}
      </div>
      <div className="field">
        <label htmlFor="measure-comment">Commentaire (facultatif)</label>
        <textarea id="measure-comment" rows={2} value={comment} onChange={(e) => setComment(e.target.value)} />
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" disabled={create.isPending || !indicatorId}>
        {create.isPending ? 'Enregistrement…' : 'Enregistrer la mesure'}
      </button>
    </form>
  );
}
