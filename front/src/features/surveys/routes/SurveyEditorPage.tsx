import { choiceLabel, fieldHelp, fieldLabel, SURVEY_AUDIENCES, type SurveyAudience, type SurveyDraft, type SurveyEditorView, type SurveyQuestion } from '@charte/contract';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { LeaveGuard } from '../../../components/LeaveGuard';
import { ErrorMessage, Loading } from '../../../components/Loading';
import { useTitleFocus } from '../../../hooks/useTitleFocus';
import { useLabels } from '../../../lib/labels';
import { useSaveSurvey, useSurveyEditor } from '../api/surveys';
import { QuestionEditor, type EditedQuestion } from '../components/QuestionEditor';
import '../survey.css';

interface Form {
  title: string;
  description: string;
  service: string;
  audience: SurveyAudience;
  opensAt: string;
  closesAt: string;
  questions: EditedQuestion[];
}

let nextKey = 0;
const newKey = () => `q${(nextKey += 1)}`;

function formOf(view: SurveyEditorView): Form {
  const survey = view.survey;
  return {
    title: survey?.title ?? '',
    description: survey?.description ?? '',
    service: survey?.service ?? '',
    audience: survey?.audience ?? 'usagers',
    opensAt: survey?.opensAt ?? '',
    closesAt: survey?.closesAt ?? '',
    questions: (survey?.questions ?? [{ id: '', kind: 'scale-1-4', label: '', required: true } satisfies SurveyQuestion]).map(edited),
  };
}

function edited(q: SurveyQuestion): EditedQuestion {
  return { key: newKey(), id: q.id || undefined, kind: q.kind, label: q.label, required: q.required === true, options: (q.options ?? []).join('\n') };
}

/** What the cms receives: choices one a line, blank lines dropped; no choices for other kinds. */
function draftOf(form: Form): SurveyDraft {
  return {
    title: form.title,
    description: form.description.trim() ? form.description : null,
    service: form.service || null,
    audience: form.audience,
    opensAt: form.opensAt,
    closesAt: form.closesAt || null,
    questions: form.questions.map((q) => ({
      ...(q.id ? { id: q.id } : {}),
      kind: q.kind,
      label: q.label,
      ...(q.required ? { required: true } : {}),
      ...(q.kind === 'choice'
        ? {
            options: q.options
              .split('\n')
              .map((o) => o.trim())
              .filter(Boolean),
          }
        : {}),
    })),
  };
}

const plural = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;

function EditorForm({ view, documentId }: { view: SurveyEditorView; documentId: string | null }) {
  const labels = useLabels();
  const navigate = useNavigate();
  const location = useLocation();
  const save = useSaveSurvey(documentId);
  const [form, setForm] = useState<Form>(() => formOf(view));
  const [saved, setSaved] = useState(() => JSON.stringify(draftOf(form)));
  const [announcement, setAnnouncement] = useState<string>((location.state as { message?: string } | null)?.message ?? '');
  // What takes the focus after the next render (a moved question's button, a new question's title…).
  const focusTarget = useRef<string | null>(null);
  const setFocusTarget = (target: string) => {
    focusTarget.current = target;
  };
  const [created, setCreated] = useState<{ documentId: string; message: string } | null>(null);
  const refs = useRef(new Map<string, HTMLElement | null>());
  const summaryRef = useRef<HTMLDivElement>(null);
  const addRef = useRef<HTMLButtonElement>(null);
  const savedIds = useMemo(() => new Set((view.survey?.questions ?? []).map((q) => q.id)), [view]);
  const answered = view.responses > 0;
  const dirty = JSON.stringify(draftOf(form)) !== saved;

  // A new survey opens in its own editor once saved (after the form is clean, so the leave guard lets it go).
  useEffect(() => {
    if (created) navigate(`/enquetes/modifier/${created.documentId}`, { replace: true, state: { message: created.message } });
  }, [created, navigate]);

  useEffect(() => {
    const target = focusTarget.current;
    if (!target) return;
    focusTarget.current = null;
    (target === 'add' ? addRef.current : refs.current.get(target))?.focus();
  }, [form]);

  const setRef = (name: string) => (element: HTMLElement | null) => {
    refs.current.set(name, element);
  };
  const label = (field: string) => fieldLabel(labels, 'survey', field);
  const update = (patch: Partial<Form>) => setForm((current) => ({ ...current, ...patch }));
  const setQuestion = (index: number, question: EditedQuestion) => update({ questions: form.questions.map((q, i) => (i === index ? question : q)) });

  const move = (index: number, direction: -1 | 1) => {
    const target = index + direction;
    const questions = [...form.questions];
    const [moved] = questions.splice(index, 1);
    questions.splice(target, 0, moved);
    update({ questions });
    // The focus stays on the button pressed, now in the question's new place (or on the other one at an end).
    const atEnd = direction === -1 ? target === 0 : target === questions.length - 1;
    const pressed = direction === -1 ? 'up' : 'down';
    const other = direction === -1 ? 'down' : 'up';
    setFocusTarget(`${moved.key}-${atEnd ? other : pressed}`);
    setAnnouncement(`Question « ${moved.label || 'sans intitulé'} » déplacée en position ${target + 1} sur ${questions.length}.`);
  };

  const remove = (index: number) => {
    const removed = form.questions[index];
    const questions = form.questions.filter((_, i) => i !== index);
    update({ questions });
    const next = questions[Math.min(index, questions.length - 1)];
    setFocusTarget(next ? `${next.key}-heading` : 'add');
    setAnnouncement(`Question « ${removed.label || 'sans intitulé'} » retirée. L’enquête compte ${plural(questions.length, 'question', 'questions')}.`);
  };

  const standard = view.standardQuestion;
  const hasStandard = form.questions.some((q) => q.id === standard.id);
  const addStandard = () => {
    const question = edited(standard);
    // First: the Services Publics + question opens the questionnaire, as on the State's forms.
    update({ questions: [question, ...form.questions.filter((q) => q.label.trim() || q.id)] });
    setFocusTarget(`${question.key}-heading`);
    setAnnouncement('Question standard Services Publics + ajoutée en tête de l’enquête.');
  };

  const add = () => {
    const question: EditedQuestion = { key: newKey(), kind: 'scale-1-4', label: '', required: false, options: '' };
    update({ questions: [...form.questions, question] });
    setFocusTarget(`${question.key}-heading`);
    setAnnouncement(`Question ${form.questions.length + 1} ajoutée en fin d’enquête.`);
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setAnnouncement('');
    try {
      const result = await save.mutateAsync(draftOf(form));
      const message = documentId ? 'Enquête enregistrée.' : 'Enquête créée.';
      const next = formOf(result);
      setSaved(JSON.stringify(draftOf(next)));
      setForm(next);
      if (!documentId && result.survey) setCreated({ documentId: result.survey.documentId, message });
      else setAnnouncement(message);
    } catch {
      requestAnimationFrame(() => summaryRef.current?.focus());
    }
  };

  return (
    <form className="survey-editor" onSubmit={onSubmit} noValidate>
      <LeaveGuard when={dirty && !save.isPending} />
      <p role="status" className={announcement ? 'success' : 'visually-hidden'}>
        {announcement}
      </p>
      {save.isError && (
        <div ref={summaryRef} className="error-summary" role="alert" tabIndex={-1}>
          <p className="error">L’enquête n’a pas été enregistrée : {save.error.message}</p>
        </div>
      )}
      {answered && (
        <p className="frozen-note">
          Cette enquête a déjà {plural(view.responses, 'réponse', 'réponses')}. Ses questions ne peuvent plus être retirées ni changer de type, et les choix d’une
          question à choix ne peuvent plus être retirés ni renommés : les réponses enregistrées y renvoient. Vous pouvez modifier les intitulés, l’ordre et le
          caractère obligatoire, et ajouter des questions ou des choix.
        </p>
      )}
      <div className="panel">
        <h2>Informations générales</h2>
        <div className="field">
          <label htmlFor="survey-title">
            {label('title')} <span className="muted">(obligatoire)</span>
          </label>
          <input id="survey-title" type="text" maxLength={200} value={form.title} onChange={(event) => update({ title: event.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="survey-description">
            {label('description')} <span className="muted">(facultatif, affichée en tête du questionnaire)</span>
          </label>
          <textarea id="survey-description" rows={3} maxLength={5000} value={form.description} onChange={(event) => update({ description: event.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="survey-service">{label('service')}</label>
          <select id="survey-service" value={form.service} aria-describedby="survey-service-aide" onChange={(event) => update({ service: event.target.value })}>
            <option value="">Tous les services (enquête commune)</option>
            {view.services.map((s) => (
              <option key={s.documentId} value={s.documentId}>
                {s.name}
              </option>
            ))}
          </select>
          <p id="survey-service-aide" className="muted">
            {fieldHelp(labels, 'survey', 'service')}
          </p>
        </div>
        <fieldset className="field" aria-describedby="survey-audience-aide">
          <legend>{label('audience')}</legend>
          {SURVEY_AUDIENCES.map((audience) => (
            <label key={audience} className="choice">
              <input
                type="radio"
                name="survey-audience"
                value={audience}
                checked={form.audience === audience}
                disabled={answered}
                onChange={() => update({ audience })}
              />{' '}
              {choiceLabel(labels, audience)}
            </label>
          ))}
          <p id="survey-audience-aide" className="muted">
            {fieldHelp(labels, 'survey', 'audience')}
            {form.audience === 'agents' && ' Les résultats ne s’affichent que par groupes d’au moins 5 réponses.'}
            {answered && ' L’enquête a déjà des réponses : ce choix ne change plus.'}
          </p>
        </fieldset>
        <div className="field-row">
          <div className="field">
            <label htmlFor="survey-opens">
              {label('opensAt')} <span className="muted">(obligatoire)</span>
            </label>
            <input id="survey-opens" type="date" value={form.opensAt} onChange={(event) => update({ opensAt: event.target.value })} />
          </div>
          <div className="field">
            <label htmlFor="survey-closes">
              {label('closesAt')} <span className="muted">(incluse ; vide : sans clôture)</span>
            </label>
            <input id="survey-closes" type="date" value={form.closesAt} onChange={(event) => update({ closesAt: event.target.value })} />
          </div>
        </div>
      </div>

      <h2>{label('questions')}</h2>
      <p className="muted">Les questions s’affichent dans cet ordre sur le questionnaire. « Monter » et « Descendre » changent l’ordre.</p>
      {!hasStandard && (
        <div className="notice">
          <p>
            Services Publics + demande chaque année la même question de satisfaction globale, aux usagers comme aux agents : « {standard.label} ». Posée
            telle quelle, elle donne le taux de satisfaction et le taux net de satisfaction publiés dans « Nos résultats », et compare l’enquête des agents
            à celle des usagers.
          </p>
          <button type="button" onClick={addStandard} disabled={form.questions.length >= 40}>
            Ajouter la question standard Services Publics +
          </button>
        </div>
      )}
      <ol className="question-list">
        {form.questions.map((question, index) => (
          <QuestionEditor
            key={question.key}
            question={question}
            index={index}
            count={form.questions.length}
            frozen={answered && !!question.id && savedIds.has(question.id)}
            labels={labels}
            headingRef={setRef(`${question.key}-heading`)}
            upRef={setRef(`${question.key}-up`)}
            downRef={setRef(`${question.key}-down`)}
            onChange={(changed) => setQuestion(index, changed)}
            onMove={(direction) => move(index, direction)}
            onRemove={() => remove(index)}
          />
        ))}
      </ol>
      <div className="buttons">
        <button type="button" ref={addRef} onClick={add} disabled={form.questions.length >= 40}>
          Ajouter une question
        </button>
        <button type="submit" className="primary" disabled={save.isPending}>
          {save.isPending ? 'Enregistrement…' : documentId ? 'Enregistrer l’enquête' : 'Créer l’enquête'}
        </button>
      </div>
    </form>
  );
}

/** The référent qualité's survey editor: /enquetes/nouvelle and /enquetes/modifier/:documentId. */
export default function SurveyEditorPage() {
  const { documentId = null } = useParams();
  const view = useSurveyEditor(documentId);
  const labels = useLabels();
  useTitleFocus(!view.isPending);
  const title = documentId ? `Modifier l’enquête${view.data?.survey ? ` — ${view.data.survey.title}` : ''}` : 'Nouvelle enquête';
  return (
    <section>
      <p className="breadcrumb">
        <Link to="/enquetes/resultats">{labels.types.survey.plural}</Link>
      </p>
      <h1 tabIndex={-1}>{title}</h1>
      {documentId && view.data?.survey && (
        <p>
          <Link to={`/enquetes/resultats/${documentId}`}>Voir les résultats</Link> ·{' '}
          {view.data.survey.audience === 'agents' ? (
            <Link to={`/enquete-agents/${documentId}`}>Voir le questionnaire des agents</Link>
          ) : (
            <Link to={`/enquete/${documentId}`}>Voir le questionnaire public</Link>
          )}
        </p>
      )}
      {view.isPending ? (
        <Loading />
      ) : view.isError ? (
        <ErrorMessage error={view.error} />
      ) : (
        <EditorForm key={view.data.survey?.documentId ?? 'nouvelle'} view={view.data} documentId={documentId} />
      )}
    </section>
  );
}
