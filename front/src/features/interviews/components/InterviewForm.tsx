import { fieldHelp, fieldLabel } from '@charte/contract';
import { SaveFooter } from '../../../components/SaveFooter';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { CriteriaPicker } from '../../../components/CriteriaPicker';
import { useSession } from '../../../lib/auth';
import { useCreateDocument, useUpdateDocument, type WorkflowDocument } from '../../../lib/documents';
import { useCampaignOptions, useWritableServices } from '../../../lib/filter-options';
import { useLabels } from '../../../lib/labels';

const TYPE = 'interview';

interface Values {
  service: string;
  campaign: string;
  date: string;
  interviewees: string;
  interviewer: string;
  notes: string;
  criteria: string[];
}

/** An ISO instant as the value of a `datetime-local` input, in the browser's time zone. */
export function toLocalInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function initialValues(interview: WorkflowDocument | undefined, defaultService: string): Values {
  return {
    service: interview?.service?.documentId ?? defaultService,
    campaign: interview?.campaign?.documentId ?? '',
    date: toLocalInput(interview?.date),
    interviewees: interview?.interviewees ?? '',
    interviewer: interview?.interviewer ?? '',
    notes: interview?.notes ?? '',
    criteria: (interview?.criteria ?? []).map((c: { documentId: string }) => c.documentId),
  };
}

/**
 * What the form sends. The notes go only when the form shows them: an edit by someone who may not
 * read them leaves them as they are (the API never sends them to that person).
 */
function payload(values: Values, withNotes: boolean, isNew: boolean): Record<string, unknown> {
  const data: Record<string, unknown> = {
    ...(isNew ? { service: values.service } : {}),
    campaign: values.campaign || null,
    date: new Date(values.date).toISOString(),
    interviewees: values.interviewees.trim(),
    interviewer: values.interviewer.trim(),
    criteria: values.criteria,
  };
  if (withNotes) data.notes = values.notes.trim() ? values.notes : null;
  return data;
}

/**
 * Writing an interview: a new one (from a service's page) or a draft one. The service is one of
 * the caller's (any for whoever sees every service) and is set at creation. The notes are personal
 * data: the field is there only for whoever reads them — the API's answer carries them then, and
 * only then (cms/src/access/interview-notes.ts); a new interview offers them to the roles that
 * read every service's notes and to the heads of the chosen service, as the API decides.
 */
export function InterviewForm({ interview, service: presetService }: { interview?: WorkflowDocument; service?: string }) {
  const labels = useLabels();
  const session = useSession();
  const navigate = useNavigate();
  const campaigns = useCampaignOptions();
  const create = useCreateDocument('interviews');
  const update = useUpdateDocument('interviews', interview?.documentId ?? '');
  const { seesAll, options: services } = useWritableServices();
  const mine = session.data?.services ?? [];
  const preset = services.find((s) => s.slug === presetService)?.documentId;
  const [typed, setValues] = useState<Values>(() => initialValues(interview, ''));
  // The lists may arrive after the first render: the service preselected (or the only one) fills in then.
  const values = { ...typed, service: typed.service || preset || (services.length === 1 ? services[0].documentId : '') };
  const [saved, setSaved] = useState(false);
  const mutation = interview ? update : create;
  const withNotes = interview ? 'notes' in interview : seesAll || mine.some((s) => s.documentId === values.service && s.isHead);
  const set = (name: keyof Omit<Values, 'criteria'>) => (e: { target: { value: string } }) => {
    setSaved(false);
    setValues((current) => ({ ...current, [name]: e.target.value }));
  };
  const label = (field: string) => fieldLabel(labels, TYPE, field);
  const help = (field: string) => fieldHelp(labels, TYPE, field);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const data = payload(values, withNotes, !interview);
    if (interview) update.mutate(data, { onSuccess: () => setSaved(true) });
    else create.mutate(data, { onSuccess: (created) => navigate(`/a-traiter/interviews/${created.documentId}`) });
  };

  const field = (name: keyof Values, input: ReactNode, required = false) => (
    <div className="field" key={name}>
      <label htmlFor={`interview-${name}`}>
        {label(name)}
        {required && <span className="required"> (obligatoire)</span>}
      </label>
      {input}
      {help(name) && (
        <p id={`interview-${name}-help`} className="muted">
          {help(name)}
        </p>
      )}
    </div>
  );

  return (
    <form className="action-form" onSubmit={submit} aria-labelledby="interview-form-title">
      <h2 id="interview-form-title">{interview ? 'Modifier le brouillon' : 'Contenu de l’entretien'}</h2>
      {interview ? (
        <p>
          {label('service')} : {interview.service?.name ?? '—'}
        </p>
      ) : (
        field(
          'service',
          <select id="interview-service" value={values.service} onChange={set('service')} required>
            {services.length !== 1 && <option value="">Choisissez le service</option>}
            {services.map((s) => (
              <option key={s.documentId} value={s.documentId}>
                {s.label}
              </option>
            ))}
          </select>,
          true,
        )
      )}
      {field(
        'campaign',
        <select id="interview-campaign" value={values.campaign} onChange={set('campaign')}>
          <option value="">Aucune campagne</option>
          {(campaigns.data ?? []).map((c) => (
            <option key={c.documentId} value={c.documentId}>
              {c.label}
            </option>
          ))}
        </select>,
      )}
      {field('date', <input id="interview-date" type="datetime-local" value={values.date} onChange={set('date')} required />, true)}
      {field('interviewees', <textarea id="interview-interviewees" rows={2} maxLength={2000} value={values.interviewees} onChange={set('interviewees')} required />, true)}
      {field('interviewer', <input id="interview-interviewer" value={values.interviewer} onChange={set('interviewer')} required maxLength={200} />, true)}
      {withNotes ? (
        field(
          'notes',
          <textarea id="interview-notes" rows={8} maxLength={50000} value={values.notes} onChange={set('notes')} aria-describedby={help('notes') ? 'interview-notes-help' : undefined} />,
        )
      ) : (
        <p className="notice" role="note">
          {label('notes')} : réservées au référent qualité, au DGS et aux chefs du service. {interview ? 'Elles ne vous sont pas montrées et restent inchangées.' : 'Un chef du service pourra les saisir.'}
        </p>
      )}
      <CriteriaPicker
        id="interview-criteria"
        legend={label('criteria')}
        value={values.criteria}
        onChange={(criteria) => {
          setSaved(false);
          setValues((current) => ({ ...current, criteria }));
        }}
      />
      <SaveFooter error={mutation.isError ? mutation.error?.message : null} saved={saved} pending={mutation.isPending} creating={interview ? undefined : 'Créer l’entretien'} />
    </form>
  );
}
