import { fieldLabel, typeLabel, MYSTERY_WRITTEN_CHANNELS, type MysteryResultRequest, type MysteryTesterTest } from '@charte/contract';
import { useRef, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ErrorMessage, Loading } from '../../../components/Loading';
import { useTitleFocus } from '../../../hooks/useTitleFocus';
import { formatDate, formatDateTime } from '../../../lib/format';
import { useLabels } from '../../../lib/labels';
import { useMyTests, useSaveResult } from '../api/mystery-tests';
import { isComputed, PointField, pointId, type PointValue } from '../components/PointField';
import '../mystery.css';

/** An instant as the datetime-local field shows it, in the tester's own time zone. */
function localInput(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function ResultForm({ test }: { test: MysteryTesterTest }) {
  const labels = useLabels();
  const field = (name: string) => fieldLabel(labels, 'mystery-test', name);
  const written = (MYSTERY_WRITTEN_CHANNELS as readonly string[]).includes(test.channel);
  const [testedAt, setTestedAt] = useState(localInput(test.testedAt));
  const [sentOn, setSentOn] = useState(test.sentOn ?? '');
  const [answeredOn, setAnsweredOn] = useState(test.answeredOn ?? '');
  const [answers, setAnswers] = useState<Record<string, PointValue>>(test.answers);
  const [observations, setObservations] = useState(test.observations ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState('');
  const summaryRef = useRef<HTMLDivElement>(null);
  const doneRef = useRef<HTMLParagraphElement>(null);
  const save = useSaveResult(test.documentId);
  const locked = test.workflowState !== 'draft';
  const [current, setCurrent] = useState(test);

  const onSubmit = async (event: FormEvent, submit: boolean) => {
    event.preventDefault();
    setDone('');
    const found: Record<string, string> = {};
    if (submit) {
      if (!testedAt) found['tested-at'] = 'Indiquez quand le test a eu lieu.';
      if (written && !sentOn) found['sent-on'] = 'Indiquez la date d’envoi du message.';
      for (const point of test.points) {
        if (point.kind === 'text' || isComputed(point)) continue;
        if (answers[point.id] === undefined) found[pointId(point)] = 'Répondez à ce point avant de soumettre (vous pouvez enregistrer sans tout remplir).';
      }
    }
    setErrors(found);
    if (Object.keys(found).length) {
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    const given = Object.fromEntries(Object.entries(answers).filter((entry): entry is [string, boolean | number | string] => entry[1] !== undefined && entry[1] !== ''));
    const result: MysteryResultRequest = {
      testedAt: testedAt ? new Date(testedAt).toISOString() : null,
      answers: given,
      observations: observations.trim() || null,
      ...(written ? { sentOn: sentOn || null, answeredOn: answeredOn || null } : {}),
    };
    try {
      const saved = await save.mutateAsync({ result, submit });
      setCurrent(saved.test);
      setDone(saved.message);
      requestAnimationFrame(() => doneRef.current?.focus());
    } catch {
      requestAnimationFrame(() => summaryRef.current?.focus());
    }
  };

  const listed = [
    ...(errors['tested-at'] ? [{ id: 'tested-at', label: field('testedAt') }] : []),
    ...(errors['sent-on'] ? [{ id: 'sent-on', label: field('sentOn') }] : []),
    ...test.points.filter((p) => errors[pointId(p)]).map((p) => ({ id: pointId(p), label: p.label })),
  ];
  const computedOf = (unit: string | undefined) => (unit === 'working-days' ? current.delayWorkingDays : unit === 'days' ? current.delayDays : null);
  const readOnly = locked || current.workflowState !== 'draft';

  return (
    <form className="mystery-form" onSubmit={(event) => onSubmit(event, false)} noValidate>
      {done && (
        <p ref={doneRef} className="notice success" role="status" tabIndex={-1}>
          {done}
        </p>
      )}
      {(listed.length > 0 || save.isError) && (
        <div ref={summaryRef} className="error-summary" role="alert" tabIndex={-1}>
          {listed.length > 0 ? (
            <>
              <p className="error">Le résultat n’a pas été soumis : {listed.length === 1 ? 'une réponse est à compléter' : `${listed.length} réponses sont à compléter`}.</p>
              <ul>
                {listed.map((item) => (
                  <li key={item.id}>
                    <a href={`#${item.id}`}>{item.label}</a>
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p className="error">Le résultat n’a pas été enregistré : {save.error?.message}</p>
          )}
        </div>
      )}
      {readOnly && <p className="notice">Ce résultat est soumis : il ne se modifie plus, sauf si le référent qualité vous le renvoie.</p>}

      <div className="field">
        <label htmlFor="tested-at">{field('testedAt')}</label>
        {errors['tested-at'] && (
          <p id="tested-at-erreur" className="error">
            {errors['tested-at']}
          </p>
        )}
        <input
          id="tested-at"
          type="datetime-local"
          value={testedAt}
          disabled={readOnly}
          aria-invalid={errors['tested-at'] ? true : undefined}
          aria-describedby={errors['tested-at'] ? 'tested-at-erreur' : undefined}
          onChange={(event) => setTestedAt(event.target.value)}
        />
      </div>
      {written && (
        <div className="date-pair">
          <div className="field">
            <label htmlFor="sent-on">{field('sentOn')}</label>
            {errors['sent-on'] && (
              <p id="sent-on-erreur" className="error">
                {errors['sent-on']}
              </p>
            )}
            <input
              id="sent-on"
              type="date"
              value={sentOn}
              disabled={readOnly}
              aria-invalid={errors['sent-on'] ? true : undefined}
              aria-describedby={errors['sent-on'] ? 'sent-on-erreur' : undefined}
              onChange={(event) => setSentOn(event.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="answered-on">{field('answeredOn')}</label>
            <p id="answered-on-aide" className="muted">
              {labels.types['mystery-test']?.fields.answeredOn?.help}
            </p>
            <input id="answered-on" type="date" value={answeredOn} disabled={readOnly} aria-describedby="answered-on-aide" onChange={(event) => setAnsweredOn(event.target.value)} />
          </div>
        </div>
      )}

      <h2>Grille d’observation</h2>
      {test.points.map((point, index) => (
        <PointField
          key={point.id}
          point={point}
          index={index}
          value={answers[point.id]}
          computed={computedOf(point.unit)}
          error={errors[pointId(point)]}
          labels={labels}
          disabled={readOnly}
          onChange={(value) => {
            setAnswers((now) => ({ ...now, [point.id]: value }));
            if (errors[pointId(point)]) setErrors(({ [pointId(point)]: _fixed, ...rest }) => rest);
          }}
        />
      ))}

      <div className="field">
        <label htmlFor="observations">{field('observations')}</label>
        <textarea id="observations" rows={4} maxLength={5000} value={observations} disabled={readOnly} onChange={(event) => setObservations(event.target.value)} />
      </div>

      {current.score !== null && (
        <p>
          {fieldLabel(labels, 'mystery-test', 'score')} : <strong>{String(current.score).replace('.', ',')} %</strong>
        </p>
      )}
      {!readOnly && (
        <div className="buttons mystery-buttons">
          <button type="submit" disabled={save.isPending}>
            {save.isPending ? 'Enregistrement…' : 'Enregistrer'}
          </button>
          <button type="button" className="primary" disabled={save.isPending} onClick={(event) => onSubmit(event, true)}>
            Enregistrer et soumettre
          </button>
        </div>
      )}
    </form>
  );
}

/** One test of the tester (/tests-mysteres/:documentId): the scenario, the window, and the grid to fill, on a phone as well as at a desk. */
export default function TestResultPage() {
  const { documentId = '' } = useParams();
  const tests = useMyTests();
  const labels = useLabels();
  const test = tests.data?.find((t) => t.documentId === documentId);
  useTitleFocus(!tests.isPending);
  const field = (name: string) => fieldLabel(labels, 'mystery-test', name);
  return (
    <section>
      <p className="breadcrumb">
        <Link to="/tests-mysteres">{labels.types['mystery-test']?.plural}</Link>
      </p>
      <h1 tabIndex={-1}>{test ? test.title : typeLabel(labels, 'mystery-test')}</h1>
      {tests.isPending ? (
        <Loading />
      ) : tests.isError ? (
        <ErrorMessage error={tests.error} />
      ) : !test ? (
        <p>Ce test ne fait pas partie de ceux qui vous sont confiés.</p>
      ) : (
        <>
          <dl className="details mystery-brief">
            <div>
              <dt>{field('scenario')}</dt>
              <dd>{test.scenario ?? <span className="muted">—</span>}</dd>
            </div>
            <div>
              <dt>À faire</dt>
              <dd>
                du {formatDate(test.windowStart)} au {formatDate(test.windowEnd)}
              </dd>
            </div>
            {test.instructions && (
              <div>
                <dt>Consignes</dt>
                <dd>{test.instructions}</dd>
              </div>
            )}
            {test.testedAt && (
              <div>
                <dt>{field('testedAt')}</dt>
                <dd>{formatDateTime(test.testedAt)}</dd>
              </div>
            )}
          </dl>
          <ResultForm key={test.documentId} test={test} />
        </>
      )}
    </section>
  );
}
