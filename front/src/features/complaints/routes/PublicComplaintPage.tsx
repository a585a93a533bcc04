import { fieldLabel, HONEYPOT_FIELD, typeLabel, type SubmissionReceipt } from '@charte/contract';
import { useRef, useState, type FormEvent, type RefObject } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { PrivacyNotice } from '../../../components/PrivacyNotice';
import { formatDate } from '../../../lib/format';
import { useLabels } from '../../../lib/labels';
import { followUpPath, usePublicServices, useSubmitPublicComplaint } from '../api/complaints';

type Field = 'kind' | 'subject' | 'description' | 'service' | 'contactName' | 'contactEmail';
type Values = Record<Field, string>;

const EMPTY: Values = { kind: '', subject: '', description: '', service: '', contactName: '', contactEmail: '' };

function check(values: Values): Partial<Record<Field, string>> {
  const errors: Partial<Record<Field, string>> = {};
  if (!values.kind) errors.kind = 'Précisez s’il s’agit d’une réclamation, d’une suggestion ou d’un problème d’accessibilité.';
  if (values.subject.trim().length < 3) errors.subject = 'L’objet est obligatoire (3 caractères au moins).';
  if (values.description.trim().length < 10) errors.description = 'Décrivez votre demande (10 caractères au moins).';
  if (values.contactEmail.trim() && !/^[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+$/.test(values.contactEmail.trim())) errors.contactEmail = 'L’adresse électronique n’est pas valide (ex. prenom.nom@exemple.fr).';
  return errors;
}

/** « Réclamation ou suggestion » — the citizens' form, without login. */
export default function PublicComplaintPage() {
  // « Signaler un problème d’accessibilité » (/accessibilite) opens this form with that kind chosen.
  const [search] = useSearchParams();
  const [values, setValues] = useState<Values>(() => (search.get('nature') === 'accessibilite' ? { ...EMPTY, kind: 'accessibilite' } : EMPTY));
  const [honeypot, setHoneypot] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const submit = useSubmitPublicComplaint();
  const services = usePublicServices();
  const labels = useLabels();
  const summaryRef = useRef<HTMLDivElement>(null);
  const set = (field: Field) => (event: { target: { value: string } }) => setValues((v) => ({ ...v, [field]: event.target.value }));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found = check(values);
    setErrors(found);
    const first = Object.keys(found)[0];
    if (first) {
      document.getElementById(`plainte-${first}`)?.focus();
      return;
    }
    submit.mutate({ ...values, [HONEYPOT_FIELD]: honeypot }, { onSettled: () => setTimeout(() => summaryRef.current?.focus(), 0) });
  };

  const describedBy = (field: Field, hint?: string) => [hint, errors[field] ? `plainte-${field}-erreur` : undefined].filter(Boolean).join(' ') || undefined;
  const error = (field: Field) =>
    errors[field] && (
      <p id={`plainte-${field}-erreur`} className="error">
        {errors[field]}
      </p>
    );

  if (submit.isSuccess) {
    return <Confirmation receipt={submit.data} email={values.contactEmail.trim()} summaryRef={summaryRef} title={typeLabel(labels, 'complaint')} receivedLabel={fieldLabel(labels, 'complaint', 'receivedAt')} />;
  }

  return (
    <section aria-labelledby="reclamation-titre">
      <h1 id="reclamation-titre" tabIndex={-1}>
        {typeLabel(labels, 'complaint')}
      </h1>
      <p className="lead">
        Un service municipal ne vous a pas donné satisfaction, ou vous avez une idée pour mieux vous accueillir ? Écrivez-nous : chaque demande est
        enregistrée, transmise au service concerné et reçoit une réponse sous quinze jours (sept jours pour un problème d’accessibilité).
      </p>
      <p>
        Vous avez déjà écrit ? <Link to="/reclamation/suivi">Suivre ma demande</Link>.
      </p>
      <p className="muted">Les champs marqués d’un astérisque (*) sont obligatoires.</p>
      {submit.isError && (
        <div role="alert" tabIndex={-1} ref={summaryRef} className="error">
          {submit.error.message}
        </div>
      )}
      <form onSubmit={onSubmit} noValidate className="panel">
        <fieldset className="field" aria-describedby={describedBy('kind')}>
          <legend>Votre demande est * :</legend>
          {[
            ['reclamation', 'Une réclamation (un problème, un mécontentement)'],
            ['suggestion', 'Une suggestion (une idée d’amélioration)'],
            ['accessibilite', 'Un problème d’accessibilité du site (un contenu ou un service que vous ne pouvez pas utiliser) : réponse sous 7 jours'],
          ].map(([value, label], index) => (
            <label key={value}>
              <input
                type="radio"
                name="kind"
                value={value}
                id={index === 0 ? 'plainte-kind' : undefined}
                checked={values.kind === value}
                onChange={set('kind')}
                aria-invalid={Boolean(errors.kind)}
              />{' '}
              {label}
            </label>
          ))}
          {error('kind')}
        </fieldset>
        <div className="field">
          <label htmlFor="plainte-subject">Objet *</label>
          <input id="plainte-subject" maxLength={200} value={values.subject} onChange={set('subject')} aria-invalid={Boolean(errors.subject)} aria-describedby={describedBy('subject')} />
          {error('subject')}
        </div>
        <div className="field">
          <label htmlFor="plainte-description">Votre message *</label>
          <p id="plainte-description-aide" className="muted">
            Décrivez ce qui s’est passé (date, service, démarche) ou votre proposition.
          </p>
          <textarea
            id="plainte-description"
            rows={8}
            maxLength={5000}
            value={values.description}
            onChange={set('description')}
            aria-invalid={Boolean(errors.description)}
            aria-describedby={describedBy('description', 'plainte-description-aide')}
          />
          {error('description')}
        </div>
        <div className="field">
          <label htmlFor="plainte-service">{fieldLabel(labels, 'complaint', 'service')}</label>
          <p id="plainte-service-aide" className="muted">
            Si vous le savez ; sinon, la commune transmet votre demande au bon service.
          </p>
          <select id="plainte-service" value={values.service} onChange={set('service')} aria-describedby={describedBy('service', 'plainte-service-aide')}>
            <option value="">Je ne sais pas</option>
            {(services.data ?? []).map((service) => (
              <option key={service.slug} value={service.slug}>
                {service.name}
              </option>
            ))}
          </select>
          {error('service')}
        </div>
        <PrivacyNotice treatment="complaint" id="plainte-donnees" />
        <div className="field">
          <label htmlFor="plainte-contactName">Vos nom et prénom</label>
          <input id="plainte-contactName" autoComplete="name" maxLength={200} value={values.contactName} onChange={set('contactName')} />
        </div>
        <div className="field">
          <label htmlFor="plainte-contactEmail">Votre adresse électronique</label>
          <p id="plainte-contactEmail-aide" className="muted">
            Pour recevoir l’accusé de réception et la réponse. Sans adresse, suivez votre demande avec le numéro et le code donnés à l’envoi.
          </p>
          <input
            id="plainte-contactEmail"
            type="email"
            autoComplete="email"
            maxLength={254}
            value={values.contactEmail}
            onChange={set('contactEmail')}
            aria-invalid={Boolean(errors.contactEmail)}
            aria-describedby={describedBy('contactEmail', 'plainte-contactEmail-aide')}
          />
          {error('contactEmail')}
        </div>
        <div className="visually-hidden" aria-hidden="true">
          <label htmlFor="plainte-siteweb">Ne pas remplir ce champ</label>
          <input id="plainte-siteweb" name={HONEYPOT_FIELD} tabIndex={-1} autoComplete="off" value={honeypot} onChange={(e) => setHoneypot(e.target.value)} />
        </div>
        <button type="submit" className="primary" disabled={submit.isPending}>
          {submit.isPending ? 'Envoi…' : 'Envoyer ma demande'}
        </button>
      </form>
    </section>
  );
}

function Confirmation({
  receipt,
  email,
  summaryRef,
  title,
  receivedLabel,
}: {
  receipt: SubmissionReceipt;
  email: string;
  summaryRef: RefObject<HTMLDivElement>;
  title: string;
  receivedLabel: string;
}) {
  const [copied, setCopied] = useState<'' | 'done' | 'failed'>('');
  const path = followUpPath(receipt.reference, receipt.followUpCode);
  const link = `${window.location.origin}${path}`;
  const copy = () => {
    // The clipboard needs a secure context: on plain http the citizen copies the link by hand.
    (navigator.clipboard?.writeText(link) ?? Promise.reject(new Error('clipboard')))
      .then(() => setCopied('done'))
      .catch(() => setCopied('failed'));
  };
  return (
    <section aria-labelledby="reclamation-titre">
      <h1 id="reclamation-titre" tabIndex={-1}>
        {title}
      </h1>
      <div className="notice" role="status" tabIndex={-1} ref={summaryRef}>
        <p className="success">Votre demande a bien été enregistrée. Merci.</p>
        <p>
          Numéro de suivi : <strong>{receipt.reference}</strong> (à rappeler dans vos échanges avec la mairie).
        </p>
        <p>
          {receivedLabel} {formatDate(receipt.receivedAt)}. La commune s’engage à vous répondre au plus tard le <strong>{formatDate(receipt.dueDate)}</strong>.
        </p>
        {email && <p>Un accusé de réception vous est envoyé à l’adresse {email}, avec le lien de suivi.</p>}
      </div>
      <div className="panel follow-up-link">
        <h2>Suivre votre demande</h2>
        <p>
          Code de suivi : <code>{receipt.followUpCode}</code>
        </p>
        <p>
          <label htmlFor="suivi-lien">Lien de suivi</label>
          <br />
          <input id="suivi-lien" readOnly value={link} onFocus={(e) => e.target.select()} className="copy-field" />{' '}
          <button type="button" onClick={copy}>
            Copier le lien
          </button>
        </p>
        <p aria-live="polite">
          {copied === 'done' && <span className="success">Lien copié.</span>}
          {copied === 'failed' && <span>Copie impossible : sélectionnez le lien et copiez-le.</span>}
        </p>
        <p>
          <strong>Gardez ce lien ou ce code</strong> (notez-le, enregistrez-le ou imprimez cette page) : la commune ne le conserve pas et ne pourra pas vous
          le redonner. Ne le transmettez à personne : il donne accès à l’état de votre demande.
        </p>
        <p>
          <Link to={path}>Voir où en est ma demande</Link>
        </p>
      </div>
    </section>
  );
}
