import { choiceLabel, fieldHelp, fieldLabel, ROADMAP_PRIORITIES, ROADMAP_STATUSES } from '@charte/contract';
import { SaveFooter } from '../../../components/SaveFooter';
import { EvidenceField } from '../../../components/Evidence';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { useCreateDocument, useUpdateDocument, type WorkflowDocument } from '../../../lib/documents';
import { useCriterionOptions, usePrincipleOptions, useWritableServices } from '../../../lib/filter-options';
import { useLabels } from '../../../lib/labels';
import { formatDate } from '../../../lib/format';
import { usePromptComplaints, usePromptQuestions, usePromptSurveys } from '../api/roadmap';

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
  promptComplaint: string;
  promptSurvey: string;
  promptQuestion: string;
  promptSummary: string;
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
    promptComplaint: action?.promptComplaint?.documentId ?? '',
    promptSurvey: action?.promptSurvey?.documentId ?? '',
    promptQuestion: action?.promptQuestion ?? '',
    promptSummary: action?.promptSummary ?? '',
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
    promptComplaint: orNull(values.promptComplaint),
    promptSurvey: orNull(values.promptSurvey),
    promptQuestion: values.promptSurvey ? orNull(values.promptQuestion) : null,
    promptSummary: orNull(values.promptSummary),
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
  // « Prêt pour l’audit ? » links here with the service and criterion of a gap to act on.
  const [params] = useSearchParams();
  const [values, setValues] = useState<Values>(() => {
    const initial = initialValues(action, params.get('service') ?? (services.length === 1 ? services[0].documentId : ''));
    return action ? initial : { ...initial, criterion: params.get('criterion') ?? '' };
  });
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
      <PromptFields values={values} set={set} action={action} />
      <SaveFooter error={problem ?? (mutation.isError ? mutation.error?.message : null)} saved={saved} pending={mutation.isPending} creating={action ? undefined : 'Créer l’action'} />
      {action ? (
        <EvidenceField collection="roadmap-actions" documentId={action.documentId} files={action.evidence ?? []} type="roadmap-action" />
      ) : (
        <p className="muted">Une fois l’action créée, vous pourrez y joindre des preuves (photos, comptes rendus, procédures).</p>
      )}
    </form>
  );
}

type Setter = (name: keyof Values) => (e: { target: { value: string } }) => void;

/**
 * « Ce qui a motivé l’action »: the complaint or the survey question behind it, and the public
 * sentence of what was said — shown on « Vous nous l’avez dit, nous l’avons fait » once the action
 * is done and approved.
 */
function PromptFields({ values, set, action }: { values: Values; set: Setter; action?: WorkflowDocument }) {
  const labels = useLabels();
  const complaints = usePromptComplaints(values.service);
  const surveys = usePromptSurveys();
  const questions = usePromptQuestions(values.promptSurvey);
  const label = (field: string) => fieldLabel(labels, TYPE, field);
  const help = (field: string) => fieldHelp(labels, TYPE, field);
  const complaintText = (c: { kind: string; receivedAt: string | null; subject?: string }) =>
    `${choiceLabel(labels, c.kind)} du ${formatDate(c.receivedAt)}${c.subject ? ` — ${c.subject}` : ''}`;
  const options = complaints.data ?? [];
  // A complaint cited by someone who sees every service may not be among this service's: shown as it is.
  const cited = action?.promptComplaint && !options.some((c) => c.documentId === action.promptComplaint.documentId) ? action.promptComplaint : null;
  return (
    <fieldset className="prompt-fields">
      <legend>Ce qui a motivé l’action (facultatif)</legend>
      <div className="field">
        <label htmlFor="action-promptComplaint">{label('promptComplaint')}</label>
        <select id="action-promptComplaint" value={values.promptComplaint} onChange={set('promptComplaint')} aria-describedby="action-promptComplaint-help">
          <option value="">Aucune</option>
          {cited && <option value={cited.documentId}>{complaintText(cited)}</option>}
          {options.map((c) => (
            <option key={c.documentId} value={c.documentId}>
              {complaintText(c)}
            </option>
          ))}
        </select>
        <p id="action-promptComplaint-help" className="muted">
          {values.service ? help('promptComplaint') : 'Choisissez d’abord le service : ses réclamations et suggestions s’affichent ici.'}
        </p>
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor="action-promptSurvey">{label('promptSurvey')}</label>
          <select id="action-promptSurvey" value={values.promptSurvey} onChange={set('promptSurvey')}>
            <option value="">Aucune</option>
            {action?.promptSurvey && !(surveys.data ?? []).some((s) => s.documentId === action.promptSurvey.documentId) && (
              <option value={action.promptSurvey.documentId}>{action.promptSurvey.title}</option>
            )}
            {(surveys.data ?? []).map((survey) => (
              <option key={survey.documentId} value={survey.documentId}>
                {survey.title}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="action-promptQuestion">{label('promptQuestion')}</label>
          <select id="action-promptQuestion" value={values.promptQuestion} onChange={set('promptQuestion')} disabled={!values.promptSurvey}>
            <option value="">L’enquête dans son ensemble</option>
            {(questions.data ?? []).map((q) => (
              <option key={q.id} value={q.id}>
                {q.label}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="field">
        <label htmlFor="action-promptSummary">{label('promptSummary')}</label>
        <textarea id="action-promptSummary" rows={2} maxLength={1000} value={values.promptSummary} onChange={set('promptSummary')} aria-describedby="action-promptSummary-help" />
        <p id="action-promptSummary-help" className="muted">
          {help('promptSummary')}
        </p>
      </div>
    </fieldset>
  );
}
