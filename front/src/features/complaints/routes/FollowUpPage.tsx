import { choiceLabel, type ComplaintFollowUp } from '@charte/contract';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { Loading } from '../../../components/Loading';
import { formatDate } from '../../../lib/format';
import { useLabels } from '../../../lib/labels';
import { useFollowUp } from '../api/complaints';

type Request = { reference: string; code: string };

/** The reference and code of a follow-up link (/reclamation/suivi#reference=…&code=…), if both are there. */
function fromFragment(hash: string): Request | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const reference = params.get('reference')?.trim() ?? '';
  const code = params.get('code')?.trim() ?? '';
  return reference && code ? { reference, code } : null;
}

function Status({ followUp }: { followUp: ComplaintFollowUp }) {
  const labels = useLabels();
  return (
    <div className="panel follow-up" role="status" aria-live="polite">
      <h2>
        {choiceLabel(labels, followUp.kind)} {followUp.reference}
      </h2>
      <ol className="steps">
        <li className="done">
          <strong>Reçue</strong> le {formatDate(followUp.receivedAt)}.
        </li>
        <li className={followUp.service ? 'done' : 'pending'}>
          {followUp.service ? (
            <>
              <strong>Transmise au service</strong> « {followUp.service} ».
            </>
          ) : followUp.status === 'answered' ? (
            <>Traitée directement par la commune.</>
          ) : (
            <>
              <strong>En attente</strong> de transmission au service concerné.
            </>
          )}
        </li>
        <li className={followUp.status === 'answered' ? 'done' : 'pending'}>
          {followUp.answeredAt ? (
            <>
              <strong>Réponse envoyée</strong> le {formatDate(followUp.answeredAt)}.
            </>
          ) : (
            <>
              <strong>Réponse attendue</strong> au plus tard le {formatDate(followUp.dueDate)}.
            </>
          )}
        </li>
      </ol>
      {followUp.answer && (
        <>
          <h3>Suite donnée à votre demande</h3>
          <p className="answer">{followUp.answer}</p>
        </>
      )}
    </div>
  );
}

/**
 * « Suivre ma demande » (/reclamation/suivi): where a citizen's request stands, with its reference
 * and code. A link opened while the page is shown (from the confirmation screen) changes only the
 * fragment: the page then starts afresh from it.
 */
export default function FollowUpPage() {
  const { hash } = useLocation();
  return <FollowUp key={hash} hash={hash} />;
}

function FollowUp({ hash }: { hash: string }) {
  const [request, setRequest] = useState<Request | null>(() => fromFragment(hash));
  const [values, setValues] = useState<Request>(() => request ?? { reference: '', code: '' });
  const [missing, setMissing] = useState<Partial<Record<keyof Request, string>>>({});
  const followUp = useFollowUp(request);
  const resultRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (followUp.isError) resultRef.current?.focus();
  }, [followUp.isError]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: Partial<Record<keyof Request, string>> = {};
    if (!values.reference.trim()) found.reference = 'Indiquez le numéro de votre demande (il commence par REC-).';
    if (!values.code.trim()) found.code = 'Indiquez le code de suivi reçu avec ce numéro.';
    setMissing(found);
    const first = Object.keys(found)[0];
    if (first) {
      document.getElementById(`suivi-${first}`)?.focus();
      return;
    }
    setRequest({ reference: values.reference.trim(), code: values.code.trim() });
  };

  const field = (name: keyof Request, label: string, hint: string, extra: { autoComplete?: string; spellCheck?: boolean } = {}) => (
    <div className="field">
      <label htmlFor={`suivi-${name}`}>{label}</label>
      <p id={`suivi-${name}-aide`} className="muted">
        {hint}
      </p>
      <input
        id={`suivi-${name}`}
        value={values[name]}
        maxLength={name === 'reference' ? 40 : 100}
        onChange={(e) => setValues((v) => ({ ...v, [name]: e.target.value }))}
        aria-invalid={Boolean(missing[name])}
        aria-describedby={[`suivi-${name}-aide`, missing[name] ? `suivi-${name}-erreur` : ''].filter(Boolean).join(' ')}
        autoCapitalize="off"
        {...extra}
      />
      {missing[name] && (
        <p id={`suivi-${name}-erreur`} className="error">
          {missing[name]}
        </p>
      )}
    </div>
  );

  return (
    <section aria-labelledby="suivi-titre">
      <h1 id="suivi-titre" tabIndex={-1}>
        Suivre ma demande
      </h1>
      <p className="lead">
        Retrouvez où en est votre réclamation ou votre suggestion avec son numéro et son code de suivi, donnés à l’envoi du formulaire et dans l’accusé de
        réception.
      </p>
      {followUp.isFetching && <Loading />}
      {followUp.isError && (
        <div role="alert" tabIndex={-1} ref={resultRef} className="error follow-up-error">
          {followUp.error.message}
        </div>
      )}
      {followUp.data && <Status followUp={followUp.data} />}
      <form onSubmit={onSubmit} noValidate className="panel">
        {field('reference', 'Numéro de la demande', 'Par exemple REC-2026-00042.', { autoComplete: 'off' })}
        {field('code', 'Code de suivi', 'Une suite de 24 caractères (lettres, chiffres, - et _), donnée avec le numéro.', { autoComplete: 'off', spellCheck: false })}
        <button type="submit" className="primary" disabled={followUp.isFetching}>
          Voir où en est ma demande
        </button>
      </form>
      <p>
        Pas encore de demande ? <Link to="/reclamation">Déposer une réclamation ou une suggestion</Link>.
      </p>
    </section>
  );
}
