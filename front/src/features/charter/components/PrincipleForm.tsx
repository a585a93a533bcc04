import { fieldHelp, fieldLabel } from '@charte/contract';
import { SaveFooter } from '../../../components/SaveFooter';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { CriteriaPicker } from '../../../components/CriteriaPicker';
import { useCreateDocument, useUpdateDocument, type WorkflowDocument } from '../../../lib/documents';
import { useLabels } from '../../../lib/labels';
import { useIndicatorOptions } from '../api/charter';

const TYPE = 'charter-principle';

interface Values {
  title: string;
  text: string;
  commitment: string;
  order: string;
  indicator: string;
  criteria: string[];
}

function initialValues(principle: WorkflowDocument | undefined, nextOrder: number): Values {
  return {
    title: principle?.title ?? '',
    text: principle?.text ?? '',
    commitment: principle?.commitment ?? '',
    order: String(principle?.order ?? nextOrder),
    indicator: principle?.indicator?.documentId ?? '',
    criteria: (principle?.criteria ?? []).map((c: { documentId: string }) => c.documentId),
  };
}

/** What the form sends: an emptied optional field as null (it clears the value). */
function payload(values: Values): Record<string, unknown> {
  const orNull = (value: string) => (value.trim() ? value.trim() : null);
  return {
    title: values.title.trim(),
    text: values.text.trim(),
    commitment: orNull(values.commitment),
    order: Number(values.order),
    indicator: orNull(values.indicator),
    criteria: values.criteria,
  };
}

/**
 * Writing a charter principle: a new one (« Gérer la charte » › Nouveau principe) or a draft one.
 * The référent qualité writes it and submits it; the DGS approves it with the whole charter.
 */
export function PrincipleForm({ principle, nextOrder = 10 }: { principle?: WorkflowDocument; nextOrder?: number }) {
  const labels = useLabels();
  const navigate = useNavigate();
  const indicators = useIndicatorOptions();
  const create = useCreateDocument('charter-principles');
  const update = useUpdateDocument('charter-principles', principle?.documentId ?? '');
  const [values, setValues] = useState<Values>(() => initialValues(principle, nextOrder));
  const [saved, setSaved] = useState(false);
  const mutation = principle ? update : create;
  const set = (name: keyof Omit<Values, 'criteria'>) => (e: { target: { value: string } }) => {
    setSaved(false);
    setValues((current) => ({ ...current, [name]: e.target.value }));
  };
  const label = (field: string) => fieldLabel(labels, TYPE, field);
  const help = (field: string) => fieldHelp(labels, TYPE, field);
  const describedBy = (name: string) => (help(name) ? `principle-${name}-help` : undefined);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (principle) update.mutate(payload(values), { onSuccess: () => setSaved(true) });
    else create.mutate(payload(values), { onSuccess: (created) => navigate(`/a-traiter/charter-principles/${created.documentId}`) });
  };

  const field = (name: keyof Values, input: ReactNode, required = false) => (
    <div className="field" key={name}>
      <label htmlFor={`principle-${name}`}>
        {label(name)}
        {required && <span className="required"> (obligatoire)</span>}
      </label>
      {input}
      {help(name) && (
        <p id={`principle-${name}-help`} className="muted">
          {help(name)}
        </p>
      )}
    </div>
  );

  return (
    <form className="action-form" onSubmit={submit} aria-labelledby="principle-form-title">
      <h2 id="principle-form-title">{principle ? 'Modifier le brouillon' : 'Contenu du principe'}</h2>
      {field('title', <input id="principle-title" value={values.title} onChange={set('title')} required maxLength={200} />, true)}
      {field('text', <textarea id="principle-text" rows={5} maxLength={5000} value={values.text} onChange={set('text')} required aria-describedby={describedBy('text')} />, true)}
      {field('commitment', <input id="principle-commitment" value={values.commitment} onChange={set('commitment')} maxLength={300} aria-describedby={describedBy('commitment')} />)}
      <div className="field-row">
        {field('order', <input id="principle-order" type="number" min={0} step={1} value={values.order} onChange={set('order')} required />, true)}
        {field(
          'indicator',
          <select id="principle-indicator" value={values.indicator} onChange={set('indicator')}>
            <option value="">Aucun indicateur</option>
            {(indicators.data ?? []).map((i) => (
              <option key={i.documentId} value={i.documentId}>
                {i.label}
              </option>
            ))}
          </select>,
        )}
      </div>
      <CriteriaPicker
        id="principle-criteria"
        legend={label('criteria')}
        value={values.criteria}
        onChange={(criteria) => {
          setSaved(false);
          setValues((current) => ({ ...current, criteria }));
        }}
      />
      <SaveFooter error={mutation.isError ? mutation.error?.message : null} saved={saved} pending={mutation.isPending} creating={principle ? undefined : 'Créer le principe'} />
    </form>
  );
}
