import {
  Box,
  Button,
  DatePicker,
  Field,
  Flex,
  Grid,
  SingleSelect,
  SingleSelectOption,
  TextInput,
  Toggle,
  Typography,
} from '@strapi/design-system';
import { Plus } from '@strapi/icons';
import { useState, type FormEvent } from 'react';
import { fieldLabel, type BuilderOptions, type BuildRequest } from '@charte/contract';
import { formatCount, plural } from '../lib/format';
import { modelLabels } from '../lib/labels';
import { formatDay, toDay } from './format';
import { ServicesField } from './ServicesField';

export type FieldErrors = Partial<Record<keyof BuildRequest, string>>;

interface Props {
  options: BuilderOptions;
  disabled: boolean;
  submitting: boolean;
  /** Errors the server sent back, by field (a new object for each refusal). */
  serverErrors: FieldErrors;
  onSubmit(request: BuildRequest): void;
}

const DEFAULT_KIND = 'auto-evaluation';

function checkForm(request: BuildRequest): FieldErrors {
  const errors: FieldErrors = {};
  if (!request.referential) errors.referential = 'Choisissez le référentiel à évaluer.';
  if (!request.name.trim()) errors.name = 'Donnez un nom à la campagne, par exemple « Auto-évaluation 2027 ».';
  if (!request.kind) errors.kind = 'Choisissez le type de campagne.';
  if (!request.startDate) errors.startDate = 'Indiquez la date de début.';
  if (request.endDate && request.startDate && request.endDate < request.startDate) {
    errors.endDate = 'La date de fin doit être après la date de début.';
  }
  if (request.services.length === 0) errors.services = 'Cochez au moins un service.';
  return errors;
}

/** The campaign form; it only describes the campaign, the page starts and follows its creation. */
export function CampaignForm({ options, disabled, submitting, serverErrors, onSubmit }: Props) {
  const [referentialId, setReferentialId] = useState<string>(
    options.referentials.length === 1 ? options.referentials[0].documentId : '',
  );
  const [kind, setKind] = useState<string>(
    options.kinds.find((k) => k.value === DEFAULT_KIND)?.value ?? options.kinds[0]?.value ?? '',
  );
  const [startDate, setStartDate] = useState<Date | undefined>(() => new Date());
  const [endDate, setEndDate] = useState<Date | undefined>(undefined);
  // Until the user types a name, the name follows the kind and the year of the start date.
  const [typedName, setTypedName] = useState<string | null>(null);
  const [services, setServices] = useState<Set<string>>(() => new Set(options.services.map((s) => s.documentId)));
  const [prefill, setPrefill] = useState(false);
  const [checked, setChecked] = useState<FieldErrors>(() => (Object.keys(serverErrors).length > 0 ? serverErrors : {}));

  const referential = options.referentials.find((r) => r.documentId === referentialId);
  const labels = modelLabels();
  const lastCampaign = referential?.lastCampaign ?? null;
  const kindLabel = options.kinds.find((k) => k.value === kind)?.label ?? '';
  const suggestedName = kindLabel ? `${kindLabel} ${(startDate ?? new Date()).getFullYear()}` : '';
  const name = typedName ?? suggestedName;
  // The server's refusals join the form's own checks, and go away as the user fixes each field. Each
  // refusal is a new object: taken in while rendering (React's « adjusting state when a prop changes »),
  // not in an effect that would render the form once more with the old errors.
  const [refusal, setRefusal] = useState(serverErrors);
  if (refusal !== serverErrors) {
    setRefusal(serverErrors);
    if (Object.keys(serverErrors).length > 0) setChecked(serverErrors);
  }
  const errors = checked;

  const request = (): BuildRequest => ({
    referential: referentialId,
    name: name.trim(),
    kind,
    startDate: startDate ? toDay(startDate) : '',
    ...(endDate ? { endDate: toDay(endDate) } : {}),
    services: options.services.map((s) => s.documentId).filter((id) => services.has(id)),
    prefill: prefill && lastCampaign !== null,
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const body = request();
    const found = checkForm(body);
    setChecked(found);
    if (Object.keys(found).length > 0) {
      // Put the keyboard on the first field to fix.
      const first = event.currentTarget.querySelector<HTMLElement>('[aria-invalid="true"]');
      first?.focus();
      return;
    }
    onSubmit(body);
  };

  const clear = (field: keyof BuildRequest) => setChecked(({ [field]: _gone, ...rest }) => rest);
  const maxEvaluations = referential ? referential.criteria * services.size : 0;

  return (
    <Box tag="form" noValidate onSubmit={submit} background="neutral0" padding={6} shadow="tableShadow" hasRadius>
      <Flex direction="column" alignItems="stretch" gap={6}>
        <Typography tag="h2" variant="delta">
          La campagne
        </Typography>
        {Object.keys(errors).length > 0 ? (
          <Box role="alert" background="danger100" borderColor="danger200" padding={4} hasRadius>
            <Typography textColor="danger700">
              Le formulaire est incomplet : corrigez les champs signalés en rouge, puis cliquez à nouveau sur « Créer la
              campagne ».
            </Typography>
          </Box>
        ) : null}
        <Grid.Root gap={5}>
          <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
            <Field.Root
              name="referential"
              required
              error={errors.referential}
              hint={
                referential
                  ? `${plural(referential.criteria, 'engagement', 'engagements')} ; au plus ${plural(maxEvaluations, 'fiche d’évaluation sera créée', 'fiches d’évaluation seront créées')} (une par service et par engagement qui le concerne).`
                  : 'Le référentiel dont les engagements seront évalués.'
              }
            >
              <Field.Label>{fieldLabel(labels, 'campaign', 'referential')}</Field.Label>
              <SingleSelect
                value={referentialId}
                disabled={disabled}
                placeholder="Choisissez un référentiel"
                onChange={(value) => {
                  setReferentialId(String(value));
                  setPrefill(false);
                  clear('referential');
                }}
              >
                {options.referentials.map((r) => (
                  <SingleSelectOption key={r.documentId} value={r.documentId}>
                    {`${r.name} — ${plural(r.criteria, 'engagement', 'engagements')}`}
                  </SingleSelectOption>
                ))}
              </SingleSelect>
              <Field.Hint />
              <Field.Error />
            </Field.Root>
          </Grid.Item>
          <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
            <Field.Root name="kind" required error={errors.kind}>
              <Field.Label>Type de campagne</Field.Label>
              <SingleSelect
                value={kind}
                disabled={disabled}
                placeholder="Choisissez un type"
                onChange={(value) => {
                  setKind(String(value));
                  clear('kind');
                }}
              >
                {options.kinds.map((k) => (
                  <SingleSelectOption key={k.value} value={k.value}>
                    {k.label}
                  </SingleSelectOption>
                ))}
              </SingleSelect>
              <Field.Error />
            </Field.Root>
          </Grid.Item>
          <Grid.Item col={12} direction="column" alignItems="stretch">
            <Field.Root
              name="name"
              required
              error={errors.name}
              hint="Le nom affiché aux services, par exemple « Auto-évaluation 2027 »."
            >
              <Field.Label>{fieldLabel(labels, 'campaign', 'name')}</Field.Label>
              <TextInput
                value={name}
                disabled={disabled}
                autoComplete="off"
                onChange={(event) => {
                  setTypedName(event.target.value);
                  clear('name');
                }}
              />
              <Field.Hint />
              <Field.Error />
            </Field.Root>
          </Grid.Item>
          <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
            <Field.Root name="startDate" required error={errors.startDate}>
              <Field.Label>Date de début</Field.Label>
              <DatePicker
                locale="fr-FR"
                value={startDate}
                disabled={disabled}
                clearLabel="Effacer la date de début"
                onChange={(date) => {
                  setStartDate(date);
                  clear('startDate');
                }}
                onClear={() => setStartDate(undefined)}
              />
              <Field.Error />
            </Field.Root>
          </Grid.Item>
          <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
            <Field.Root name="endDate" error={errors.endDate} hint="Facultative : laissez vide si la fin n’est pas encore décidée.">
              <Field.Label>Date de fin</Field.Label>
              <DatePicker
                locale="fr-FR"
                value={endDate}
                minDate={startDate}
                disabled={disabled}
                clearLabel="Effacer la date de fin"
                onChange={(date) => {
                  setEndDate(date);
                  clear('endDate');
                }}
                onClear={() => setEndDate(undefined)}
              />
              <Field.Hint />
              <Field.Error />
            </Field.Root>
          </Grid.Item>
          <Grid.Item col={12} direction="column" alignItems="stretch">
            <ServicesField
              services={options.services}
              selected={services}
              disabled={disabled}
              error={errors.services}
              onChange={(next) => {
                setServices(next);
                clear('services');
              }}
            />
          </Grid.Item>
          <Grid.Item col={12} direction="column" alignItems="stretch">
            <Field.Root
              name="prefill"
              error={errors.prefill}
              hint={
                lastCampaign
                  ? `Les résultats et constats de « ${lastCampaign.name} »${
                      lastCampaign.startDate ? ` (commencée le ${formatDay(lastCampaign.startDate)}, ${formatCount(lastCampaign.evaluations)} fiches)` : ''
                    } seront copiés en brouillon et marqués « Pré-remplie » : chaque service les relit avant de soumettre.`
                  : referential
                    ? 'Ce référentiel n’a pas encore de campagne : toutes les fiches partiront de zéro.'
                    : 'Possible quand le référentiel choisi a déjà une campagne.'
              }
            >
              <Field.Label>Pré-remplir à partir de la campagne précédente</Field.Label>
              <Toggle
                onLabel="Oui"
                offLabel="Non"
                checked={prefill && lastCampaign !== null}
                disabled={disabled || lastCampaign === null}
                onChange={(event) => setPrefill(event.target.checked)}
              />
              <Field.Hint />
              <Field.Error />
            </Field.Root>
          </Grid.Item>
        </Grid.Root>
        <Flex>
          <Button type="submit" size="L" startIcon={<Plus />} disabled={disabled} loading={submitting}>
            {submitting ? 'Création en cours…' : 'Créer la campagne'}
          </Button>
        </Flex>
      </Flex>
    </Box>
  );
}
