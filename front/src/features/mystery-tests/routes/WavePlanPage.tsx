import { fieldHelp, fieldLabel, typeLabel, type MysteryChannel, type MysteryWavePlanning } from '@charte/contract';
import { useRef, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ErrorMessage, Loading } from '../../../components/Loading';
import { useTitleFocus } from '../../../hooks/useTitleFocus';
import { formatDate } from '../../../lib/format';
import { useLabels } from '../../../lib/labels';
import { useCancelTest, usePlanTests, useWavePlanning } from '../api/mystery-tests';
import '../mystery.css';

const TEST = 'mystery-test';
const MAX_PLANNED = 50;

/** What the wave holds so far, per service and channel: to play, submitted, validated, and by whom. */
function WaveTable({ planning }: { planning: MysteryWavePlanning }) {
  const labels = useLabels();
  // « À réaliser » as in the testers' lists; then the circuit's own states.
  const columns = [
    { key: 'draft', title: 'À réaliser' },
    { key: 'submitted', title: labels.states.submitted ?? 'submitted' },
    { key: 'validated', title: labels.states.validated ?? 'validated' },
  ] as const;
  if (!planning.rows.length) return <p>Aucun test planifié dans cette vague pour le moment.</p>;
  return (
    <table className="mystery-points mystery-wave">
        <caption className="visually-hidden">Tests de la vague par service et canal</caption>
        <thead>
          <tr>
            <th scope="col">Service et canal</th>
            {columns.map((c) => (
              <th key={c.key} scope="col">
                {c.title}
              </th>
            ))}
            <th scope="col">Testeurs</th>
          </tr>
        </thead>
        <tbody>
          {planning.rows.map((r) => (
            <tr key={`${r.service.documentId}-${r.channel}`}>
              <th scope="row">
                {r.service.name} — {r.channelLabel}
              </th>
              {columns.map((c) => (
                <td key={c.key} data-label={c.title}>
                  {r[c.key]}
                </td>
              ))}
              <td data-label="Testeurs">{r.testers.join(', ')}</td>
            </tr>
          ))}
        </tbody>
    </table>
  );
}

/** A required drop-down list of the planning form. */
function RequiredChoice(props: { id: string; label: string; placeholder: string; value: string; onChange: (e: { target: { value: string } }) => void; options: { value: string; label: string }[] }) {
  return (
    <div className="field">
      <label htmlFor={props.id}>
        {props.label}
        <span className="required"> (obligatoire)</span>
      </label>
      <select id={props.id} value={props.value} onChange={props.onChange} required>
        <option value="">{props.placeholder}</option>
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * The tests not played yet, each cancellable in two steps (a tester fallen ill, a test planned
 * twice): cancelling removes it from its tester's list; planning again assigns another tester.
 */
function UpcomingTests({ planning }: { planning: MysteryWavePlanning }) {
  const cancel = useCancelTest(planning.wave.documentId);
  const [confirming, setConfirming] = useState<string | null>(null);
  if (!planning.upcoming.length) return <p>Aucun test à réaliser dans cette vague.</p>;
  return (
    <>
      {cancel.isError && (
        <p className="error" role="alert">
          Le test n’a pas été annulé : {cancel.error.message}
        </p>
      )}
      <ul className="mystery-cards">
        {planning.upcoming.map((t) => {
          const name = `${t.channelLabel} — ${t.service}`;
          return (
            <li key={t.documentId} className="mystery-card">
              <h3>{name}</h3>
              <p>
                Du {formatDate(t.windowStart)} au {formatDate(t.windowEnd)} · {t.tester ?? 'sans testeur'}
              </p>
              {confirming === t.documentId ? (
                <div className="mystery-buttons">
                  {/* Focus follows the question, for keyboard and screen-reader users. */}
                  <button type="button" ref={(el) => el?.focus()} disabled={cancel.isPending} onClick={() => cancel.mutate(t.documentId, { onSuccess: () => setConfirming(null) })}>
                    {cancel.isPending ? 'Annulation…' : 'Confirmer l’annulation'}
                  </button>
                  <button type="button" onClick={() => setConfirming(null)}>
                    Garder le test
                  </button>
                </div>
              ) : (
                <button type="button" onClick={() => setConfirming(t.documentId)}>
                  Annuler ce test<span className="visually-hidden"> : {name}, {t.tester ?? 'sans testeur'}</span>
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </>
  );
}

interface Values {
  service: string;
  channel: MysteryChannel | '';
  grid: string;
  count: string;
  testers: string[];
  scenario: string;
  windowStart: string;
  windowEnd: string;
}

/**
 * Planning N tests of one service on one channel: testers in turn, never a member of the tested
 * service (they are left out of the list; the API refuses them whatever the door), the scenario to
 * play and a window within the wave's dates.
 */
function PlanForm({ planning }: { planning: MysteryWavePlanning }) {
  const labels = useLabels();
  const plan = usePlanTests(planning.wave.documentId);
  const noticeRef = useRef<HTMLParagraphElement>(null);
  const [values, setValues] = useState<Values>({ service: '', channel: '', grid: '', count: '2', testers: [], scenario: '', windowStart: planning.wave.startDate, windowEnd: planning.wave.endDate });
  const label = (field: string) => fieldLabel(labels, TEST, field);
  const help = (field: string) => fieldHelp(labels, TEST, field);
  const set = (name: keyof Omit<Values, 'testers'>) => (e: { target: { value: string } }) => setValues((current) => ({ ...current, [name]: e.target.value }));
  const grids = planning.channels.find((c) => c.value === values.channel)?.grids ?? [];
  // Whoever belongs to the tested service would recognise the test, or grade themselves.
  const testers = planning.testers.filter((t) => !values.service || !t.services.includes(values.service));
  const chosen = values.testers.filter((id) => testers.some((t) => t.documentId === id));
  const toggle = (id: string) => setValues((current) => ({ ...current, testers: current.testers.includes(id) ? current.testers.filter((t) => t !== id) : [...current.testers, id] }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!values.channel) return;
    plan.mutate(
      {
        service: values.service,
        channel: values.channel,
        ...(grids.length > 1 && values.grid ? { grid: values.grid } : {}),
        count: Number(values.count),
        testers: chosen,
        ...(values.scenario.trim() ? { scenario: values.scenario.trim() } : {}),
        windowStart: values.windowStart,
        windowEnd: values.windowEnd,
      },
      {
        onSuccess: () => {
          setValues((current) => ({ ...current, testers: [], scenario: '' }));
          requestAnimationFrame(() => noticeRef.current?.focus());
        },
      },
    );
  };

  return (
    <form className="mystery-form" onSubmit={submit} aria-labelledby="plan-title">
      <h2 id="plan-title">Planifier des tests</h2>
      {plan.isSuccess && (
        <p ref={noticeRef} className="notice success" role="status" tabIndex={-1}>
          {plan.data.meta.message} Testeurs : {[...new Set(plan.data.data.map((t) => t.tester))].join(', ')}. Chacun les trouve dans sa liste « Tests mystères ».
        </p>
      )}
      {plan.isError && (
        <p className="error" role="alert">
          Les tests n’ont pas été planifiés : {plan.error.message}
        </p>
      )}
      <RequiredChoice id="plan-service" label={label('service')} placeholder="Choisissez le service" value={values.service} onChange={set('service')} options={planning.services.map((s) => ({ value: s.documentId, label: s.name }))} />
      <RequiredChoice
        id="plan-channel"
        label={label('channel')}
        placeholder="Choisissez le canal"
        value={values.channel}
        onChange={set('channel')}
        options={planning.channels.map((c) => ({ value: c.value, label: `${c.label}${c.grids.length ? '' : ' (sans grille)'}` }))}
      />
      {grids.length > 1 && (
        <RequiredChoice id="plan-grid" label={label('grid')} placeholder="Choisissez la grille" value={values.grid} onChange={set('grid')} options={grids.map((g) => ({ value: g.documentId, label: g.title }))} />
      )}
      <div className="field">
        <label htmlFor="plan-count">
          Nombre de tests<span className="required"> (obligatoire)</span>
        </label>
        <input id="plan-count" type="number" inputMode="numeric" min={1} max={MAX_PLANNED} value={values.count} onChange={set('count')} required aria-describedby="plan-count-help" />
        <p id="plan-count-help" className="muted">
          De 1 à {MAX_PLANNED} ; les testeurs choisis les jouent à tour de rôle.
        </p>
      </div>
      <fieldset className="field">
        <legend>
          Testeurs<span className="required"> (au moins un)</span>
        </legend>
        <p className="muted">{values.service ? 'Les membres du service testé ne sont pas proposés : un testeur ne teste jamais son propre service.' : help('tester')}</p>
        <div className="point-choices vertical">
          {testers.map((t) => (
            <label key={t.documentId} className="point-choice">
              <input type="checkbox" checked={chosen.includes(t.documentId)} onChange={() => toggle(t.documentId)} />
              {t.name} <span className="muted">({t.role})</span>
            </label>
          ))}
        </div>
      </fieldset>
      <div className="field">
        <label htmlFor="plan-scenario">{label('scenario')}</label>
        <textarea id="plan-scenario" rows={3} value={values.scenario} onChange={set('scenario')} maxLength={5000} aria-describedby="plan-scenario-help" />
        <p id="plan-scenario-help" className="muted">
          {help('scenario')}
        </p>
      </div>
      <div className="date-pair">
        <div className="field">
          <label htmlFor="plan-windowStart">{label('windowStart')}</label>
          <input id="plan-windowStart" type="date" value={values.windowStart} min={planning.wave.startDate} max={planning.wave.endDate} onChange={set('windowStart')} required />
        </div>
        <div className="field">
          <label htmlFor="plan-windowEnd">{label('windowEnd')}</label>
          <input id="plan-windowEnd" type="date" value={values.windowEnd} min={values.windowStart || planning.wave.startDate} max={planning.wave.endDate} onChange={set('windowEnd')} required />
        </div>
      </div>
      <div className="mystery-buttons">
        <button type="submit" className="primary" disabled={plan.isPending || !chosen.length}>
          {plan.isPending ? 'Planification…' : 'Planifier les tests'}
        </button>
      </div>
    </form>
  );
}

/** A wave (/tests-mysteres/vagues/:documentId, référent qualité): its tests so far, and planning more. */
export default function WavePlanPage() {
  const { documentId = '' } = useParams();
  const labels = useLabels();
  const planning = useWavePlanning(documentId);
  useTitleFocus(!planning.isPending);
  return (
    <section aria-labelledby="wave-title">
      <p className="breadcrumb">
        <Link to="/tests-mysteres">{typeLabel(labels, TEST, true)}</Link> › <Link to="/tests-mysteres/vagues">{typeLabel(labels, 'mystery-campaign', true)}</Link>
      </p>
      <h1 id="wave-title" tabIndex={-1}>
        {planning.data?.wave.title ?? typeLabel(labels, 'mystery-campaign')}
      </h1>
      {planning.isPending ? (
        <Loading />
      ) : planning.isError ? (
        <ErrorMessage error={planning.error} />
      ) : (
        <>
          <p>
            Du {formatDate(planning.data.wave.startDate)} au {formatDate(planning.data.wave.endDate)}
          </p>
          <section aria-labelledby="wave-tests-title" className="panel">
            <h2 id="wave-tests-title">Tests de la vague</h2>
            <WaveTable planning={planning.data} />
          </section>
          <section aria-labelledby="wave-upcoming-title">
            <h2 id="wave-upcoming-title">Tests à réaliser</h2>
            <UpcomingTests planning={planning.data} />
          </section>
          <PlanForm key={planning.data.wave.documentId} planning={planning.data} />
        </>
      )}
    </section>
  );
}
