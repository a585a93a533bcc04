import { choiceLabel, fieldHelp, fieldLabel, ROADMAP_PRIORITIES, ROADMAP_STATUSES } from '@charte/contract';
import { SaveFooter } from '../../../components/SaveFooter';
import { EvidenceField } from '../../../components/Evidence';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { useCreateDocument, useUpdateDocument, type WorkflowDocument } from '../../../lib/documents';
import { useCriterionOptions, usePrincipleOptions, useWritableServices } from '../../../lib/filter-options';
import { useLabels } from '../../../lib/labels';

const TYPE = 'roadmap-action';

interface Values {
  title: string;
  description: string;
  service: string;
  criterion: string;
  principle: string;
  owner: string;
  priority: string;
  startDate: string;
  dueDate: string;
  actionStatus: string;
  progress: string;
}

function initialValues(action: WorkflowDocument | undefined, defaultService: string): Values {
  return {
    title: action?.title ?? '',
    description: action?.description ?? '',
    service: action?.service?.documentId ?? defaultService,
    criterion: action?.criterion?.documentId ?? '',
    principle: action?.principle?.documentId ?? '',
    owner: action?.owner ?? '',
    priority: action?.priority ?? 'moyenne',
    startDate: action?.startDate ?? '',
    dueDate: action?.dueDate ?? '',
    actionStatus: action?.actionStatus ?? 'a-lancer',
    progress: String(action?.progress ?? 0),
  };
}

/** What the form sends: empty optional fields as null (an emptied date clears it), the progress as a number. */
function payload(values: Values): Record<string, unknown> {
  const orNull = (value: string) => (value.trim() ? value.trim() : null);
  return {
    title: values.title.trim(),
    description: orNull(values.description),
    service: values.service || undefined,
    criterion: orNull(values.criterion),
    principle: orNull(values.principle),
    owner: values.owner.trim(),
    priority: values.priority,
    startDate: orNull(values.startDate),
    dueDate: orNull(values.dueDate),
    actionStatus: values.actionStatus,
    progress: Number(values.progress),
  };
}

/**
 * Writing a roadmap action: a new one (from « Feuille de route »), or a draft one. Every field is
 * content here; once the action is approved, only its follow-up changes (FollowUpForm).
 */
export function ActionForm({ action }: { action?: WorkflowDocument }) {
  const labels = useLabels();
  const navigate = useNavigate();
  const criteria = useCriterionOptions();
  const principles = usePrincipleOptions();
  const create = useCreateDocument('roadmap-actions');
  const update = useUpdateDocument('roadmap-actions', action?.documentId ?? '');
  // Whoever sees every service may attach the action to any; staff to one of theirs.
  const { options: services } = useWritableServices();
  const [values, setValues] = useState<Values>(() => initialValues(action, services.length === 1 ? services[0].documentId : ''));
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const mutation = action ? update : create;
  const set = (name: keyof Values) => (e: { target: { value: string } }) => {
    setSaved(false);
    setValues((current) => ({ ...current, [name]: e.target.value }));
  };
  const label = (field: string) => fieldLabel(labels, TYPE, field);
  const help = (field: string) => fieldHelp(labels, TYPE, field);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    if (values.startDate && values.dueDate && values.dueDate < values.startDate) {
      setProblem(`${label('dueDate')} : la date doit suivre le ${label('startDate').toLowerCase()}.`);
      return;
    }
    if (action) update.mutate(payload(values), { onSuccess: () => setSaved(true) });
    else create.mutate(payload(values), { onSuccess: (created) => navigate(`/a-traiter/roadmap-actions/${created.documentId}`) });
  };

  const field = (name: keyof Values, input: ReactNode) => (
    <div className="field" key={name}>
      <label htmlFor={`action-${name}`}>
        {label(name)}
        {(name === 'title' || name === 'owner' || name === 'service') && <span className="required"> (obligatoire)</span>}
      </label>
      {input}
      {help(name) && (
        <p id={`action-${name}-help`} className="muted">
          {help(name)}
        </p>
      )}
    </div>
  );
  const describedBy = (name: string) => (help(name) ? `action-${name}-help` : undefined);
  const select = (name: keyof Values, options: { value: string; label: string }[], empty?: string) =>
    field(
      name,
      <select id={`action-${name}`} value={values[name]} onChange={set(name)} aria-describedby={describedBy(name)} required={name === 'service'}>
        {empty !== undefined && <option value="">{empty}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>,
    );

  return (
    <form className="action-form" onSubmit={submit} aria-labelledby="action-form-title">
      <h2 id="action-form-title">{action ? 'Modifier le brouillon' : 'Contenu de l’action'}</h2>
      {field('title', <input id="action-title" value={values.title} onChange={set('title')} required maxLength={200} aria-describedby={describedBy('title')} />)}
      {field(
        'description',
        <textarea id="action-description" rows={4} maxLength={10000} value={values.description} onChange={set('description')} aria-describedby={describedBy('description')} />,
      )}
      {select(
        'service',
        services.map((s) => ({ value: s.documentId, label: s.label })),
        services.length === 1 ? undefined : 'Choisissez le service',
      )}
      {select('criterion', (criteria.data ?? []).map((c) => ({ value: c.documentId, label: c.label })), 'Aucun engagement en particulier')}
      {select('principle', (principles.data ?? []).map((p) => ({ value: p.documentId, label: p.label })), 'Aucun principe en particulier')}
      {field('owner', <input id="action-owner" value={values.owner} onChange={set('owner')} required maxLength={200} aria-describedby={describedBy('owner')} />)}
      {select('priority', ROADMAP_PRIORITIES.map((p) => ({ value: p, label: choiceLabel(labels, p) })))}
      <div className="field-row">
        {field('startDate', <input id="action-startDate" type="date" value={values.startDate} onChange={set('startDate')} />)}
        {field('dueDate', <input id="action-dueDate" type="date" value={values.dueDate} onChange={set('dueDate')} />)}
      </div>
      <div className="field-row">
        {select('actionStatus', ROADMAP_STATUSES.map((s) => ({ value: s, label: choiceLabel(labels, s) })))}
        {field(
          'progress',
          <input id="action-progress" type="number" min={0} max={100} step={5} value={values.progress} onChange={set('progress')} required aria-describedby={describedBy('progress')} />,
        )}
      </div>
      <SaveFooter error={problem ?? (mutation.isError ? mutation.error?.message : null)} saved={saved} pending={mutation.isPending} creating={action ? undefined : 'Créer l’action'} />
      {action ? (
        <EvidenceField collection="roadmap-actions" documentId={action.documentId} files={action.evidence ?? []} type="roadmap-action" />
      ) : (
        <p className="muted">Une fois l’action créée, vous pourrez y joindre des preuves (photos, comptes rendus, procédures).</p>
      )}
    </form>
  );
}
