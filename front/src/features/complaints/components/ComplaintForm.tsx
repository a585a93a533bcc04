import { choiceLabel, COMPLAINT_KINDS, fieldLabel } from '@charte/contract';
import { useState, type FormEvent } from 'react';
import { ErrorMessage, Loading } from '../../../components/Loading';
import { useLabels } from '../../../lib/labels';
import { STAFF_CHANNELS, useComplaint, useSaveComplaint, type Complaint, type ServiceOption } from '../api/complaints';
import { formatDate } from '../../../lib/format';

type Values = Record<'kind' | 'channel' | 'receivedAt' | 'subject' | 'description' | 'contactName' | 'contactEmail' | 'acknowledgedAt' | 'answeredAt' | 'outcome' | 'service', string>;

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());

function initial(complaint: Complaint | undefined, services: ServiceOption[]): Values {
  return {
    kind: complaint?.kind ?? 'reclamation',
    channel: complaint?.channel ?? 'courrier',
    receivedAt: complaint?.receivedAt ?? today(),
    subject: complaint?.subject ?? '',
    description: complaint?.description ?? '',
    contactName: complaint?.contactName ?? '',
    contactEmail: complaint?.contactEmail ?? '',
    acknowledgedAt: complaint?.acknowledgedAt ?? '',
    answeredAt: complaint?.answeredAt ?? '',
    outcome: complaint?.outcome ?? '',
    service: complaint?.service?.documentId ?? (services.length === 1 ? services[0].documentId : ''),
  };
}

/** Staff entry of a complaint received by another channel, and its follow-up (acknowledgement, answer). */
export function ComplaintForm({ documentId, services, onDone }: { documentId?: string; services: ServiceOption[]; onDone: (message: string) => void }) {
  const existing = useComplaint(documentId);
  if (documentId && existing.isPending) return <Loading />;
  if (documentId && existing.isError) return <ErrorMessage error={existing.error} />;
  return <Form key={documentId ?? 'new'} documentId={documentId} complaint={existing.data} services={services} onDone={onDone} />;
}

function Form({ documentId, complaint, services, onDone }: { documentId?: string; complaint?: Complaint; services: ServiceOption[]; onDone: (message: string) => void }) {
  const [values, setValues] = useState<Values>(() => initial(complaint, services));
  const save = useSaveComplaint(documentId);
  const labels = useLabels();
  const label = (field: keyof Values) => fieldLabel(labels, 'complaint', field);
  const set = (field: keyof Values) => (event: { target: { value: string } }) => setValues((v) => ({ ...v, [field]: event.target.value }));
  const online = complaint?.channel === 'formulaire-en-ligne';

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const orNull = (value: string) => (value.trim() ? value.trim() : null);
    save.mutate(
      {
        kind: values.kind,
        ...(online ? {} : { channel: values.channel, receivedAt: values.receivedAt }),
        subject: values.subject.trim(),
        description: orNull(values.description),
        contactName: orNull(values.contactName),
        contactEmail: orNull(values.contactEmail),
        acknowledgedAt: orNull(values.acknowledgedAt),
        answeredAt: orNull(values.answeredAt),
        outcome: orNull(values.outcome),
        ...(values.service ? { service: values.service } : {}),
      },
      { onSuccess: () => onDone(documentId ? 'Demande mise à jour.' : 'Demande enregistrée.') },
    );
  };

  const input = (field: keyof Values, props: Record<string, unknown> = {}) => (
    <div className="field">
      <label htmlFor={`reclamation-${field}`}>{label(field)}</label>
      <input id={`reclamation-${field}`} value={values[field]} onChange={set(field)} aria-describedby={save.isError ? 'reclamation-erreur' : undefined} {...props} />
    </div>
  );

  return (
    <form onSubmit={onSubmit} className="panel" aria-labelledby="reclamation-form-titre">
      <h2 id="reclamation-form-titre">{documentId ? `Suivi de la demande « ${complaint?.subject} »` : 'Enregistrer une demande reçue'}</h2>
      {save.isError && (
        <p id="reclamation-erreur" className="error" role="alert">
          {save.error.message}
        </p>
      )}
      <div className="field">
        <label htmlFor="reclamation-kind">{label('kind')}</label>
        <select id="reclamation-kind" value={values.kind} onChange={set('kind')}>
          {COMPLAINT_KINDS.map((value) => (
            <option key={value} value={value}>
              {choiceLabel(labels, value)}
            </option>
          ))}
        </select>
      </div>
      {online ? (
        <p>Reçue par le formulaire en ligne le {formatDate(complaint?.receivedAt)}.</p>
      ) : (
        <>
          <div className="field">
            <label htmlFor="reclamation-channel">{label('channel')}</label>
            <select id="reclamation-channel" value={values.channel} onChange={set('channel')}>
              {STAFF_CHANNELS.map((value) => (
                <option key={value} value={value}>
                  {choiceLabel(labels, value)}
                </option>
              ))}
            </select>
          </div>
          {input('receivedAt', { type: 'date', required: true, max: today() })}
        </>
      )}
      <div className="field">
        <label htmlFor="reclamation-service">{label('service')}</label>
        <select id="reclamation-service" value={values.service} onChange={set('service')}>
          <option value="">— choisir —</option>
          {services.map((s) => (
            <option key={s.documentId} value={s.documentId}>
              {s.name}
            </option>
          ))}
        </select>
      </div>
      {input('subject', { required: true, maxLength: 200 })}
      <div className="field">
        <label htmlFor="reclamation-description">{label('description')}</label>
        <textarea id="reclamation-description" rows={4} value={values.description} onChange={set('description')} />
      </div>
      {input('contactName')}
      {input('contactEmail', { type: 'email' })}
      {input('acknowledgedAt', { type: 'date', max: today() })}
      {input('answeredAt', { type: 'date', max: today() })}
      <div className="field">
        <label htmlFor="reclamation-outcome">{label('outcome')}</label>
        <textarea id="reclamation-outcome" rows={4} value={values.outcome} onChange={set('outcome')} />
      </div>
      <div className="buttons">
        <button type="submit" className="primary" disabled={save.isPending}>
          {save.isPending ? 'Enregistrement…' : 'Enregistrer'}
        </button>
        <button type="button" className="secondary" onClick={() => onDone('')}>
          Annuler
        </button>
      </div>
    </form>
  );
}
