import { fieldHelp, fieldLabel, typeLabel } from '@charte/contract';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { ErrorMessage, Loading } from '../../../components/Loading';
import { useTitleFocus } from '../../../hooks/useTitleFocus';
import { formatDate } from '../../../lib/format';
import { useLabels } from '../../../lib/labels';
import { useCreateWave, useWaves } from '../api/mystery-tests';
import '../mystery.css';

const TYPE = 'mystery-campaign';

/**
 * « Vagues de tests mystères » (/tests-mysteres/vagues, référent qualité): the waves, the latest
 * first, each opening its planning; and a new wave (name, dates, aim), opened once created.
 */
export default function WavesPage() {
  const labels = useLabels();
  const waves = useWaves();
  const create = useCreateWave();
  const navigate = useNavigate();
  const [values, setValues] = useState({ title: '', startDate: '', endDate: '', description: '' });
  useTitleFocus(!waves.isPending);
  const label = (field: string) => fieldLabel(labels, TYPE, field);
  const set = (name: keyof typeof values) => (e: { target: { value: string } }) => setValues((current) => ({ ...current, [name]: e.target.value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      { title: values.title.trim(), startDate: values.startDate, endDate: values.endDate, description: values.description.trim() || null },
      { onSuccess: (wave) => navigate(`/tests-mysteres/vagues/${wave.documentId}`) },
    );
  };
  const field = (name: keyof typeof values, input: JSX.Element, required = true) => (
    <div className="field">
      <label htmlFor={`wave-${name}`}>
        {label(name)}
        {required && <span className="required"> (obligatoire)</span>}
      </label>
      {input}
      {fieldHelp(labels, TYPE, name) && (
        <p id={`wave-${name}-help`} className="muted">
          {fieldHelp(labels, TYPE, name)}
        </p>
      )}
    </div>
  );

  return (
    <section aria-labelledby="waves-title">
      <p className="breadcrumb">
        <Link to="/tests-mysteres">{typeLabel(labels, 'mystery-test', true)}</Link> › {typeLabel(labels, TYPE, true)}
      </p>
      <h1 id="waves-title" tabIndex={-1}>
        {typeLabel(labels, TYPE, true)}
      </h1>
      <p>Une vague regroupe les tests d’une période : planifiez-y, service par service et canal par canal, le nombre de tests et leurs testeurs. Les services testés n’en voient rien avant la validation des résultats.</p>
      {waves.isPending ? (
        <Loading />
      ) : waves.isError ? (
        <ErrorMessage error={waves.error} />
      ) : waves.data.length === 0 ? (
        <p>Aucune vague pour le moment : créez la première ci-dessous.</p>
      ) : (
        <ul className="mystery-cards">
          {waves.data.map((w) => (
            <li key={w.documentId} className="mystery-card">
              <h2>
                <Link to={`/tests-mysteres/vagues/${w.documentId}`}>{w.title}</Link>
              </h2>
              <p>
                Du {formatDate(w.startDate)} au {formatDate(w.endDate)}
              </p>
              {w.description && <p className="muted">{w.description}</p>}
            </li>
          ))}
        </ul>
      )}

      <form className="mystery-form" onSubmit={submit} aria-labelledby="new-wave-title">
        <h2 id="new-wave-title">Nouvelle vague</h2>
        {create.isError && (
          <p className="error" role="alert">
            La vague n’a pas été créée : {create.error.message}
          </p>
        )}
        {field('title', <input id="wave-title" value={values.title} onChange={set('title')} required maxLength={200} aria-describedby="wave-title-help" />)}
        <div className="date-pair">
          {field('startDate', <input id="wave-startDate" type="date" value={values.startDate} onChange={set('startDate')} required />)}
          {field('endDate', <input id="wave-endDate" type="date" value={values.endDate} min={values.startDate || undefined} onChange={set('endDate')} required />)}
        </div>
        {field('description', <textarea id="wave-description" rows={3} value={values.description} onChange={set('description')} aria-describedby="wave-description-help" />, false)}
        <div className="mystery-buttons">
          <button type="submit" className="primary" disabled={create.isPending}>
            {create.isPending ? 'Création…' : 'Créer la vague'}
          </button>
        </div>
      </form>
    </section>
  );
}
