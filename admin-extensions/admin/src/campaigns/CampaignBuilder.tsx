import type { BuildRequest, FieldError } from '@charte/contract';
import { Layouts, Page } from '@strapi/admin/strapi-admin';
import { Flex, Typography } from '@strapi/design-system';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { errorDetails, errorMessage } from '../lib/errors';
import { campaignKeys, useBuilderOptions, useBuildStatus, useStartBuild } from './api';
import { BuildProgress } from './BuildProgress';
import { CampaignForm, type FieldErrors } from './CampaignForm';

const TITLE = 'Nouvelle campagne';

interface Build {
  buildId: string;
  total: number;
  prefillFrom: string | null;
}

const FORM_FIELDS: ReadonlyArray<keyof BuildRequest> = ['referential', 'name', 'kind', 'startDate', 'endDate', 'services', 'prefill'];

function isFormField(field: string | undefined): field is keyof BuildRequest {
  return FORM_FIELDS.some((known) => known === field);
}

/** Server errors next to their field; those the form has no place for are shown above it. */
function splitErrors(errors: FieldError[] | undefined): { byField: FieldErrors; elsewhere: string[] } {
  const byField: FieldErrors = {};
  const elsewhere: string[] = [];
  for (const { path, message } of errors ?? []) {
    const field = path[0];
    if (isFormField(field)) byField[field] ??= message;
    else elsewhere.push(message);
  }
  return { byField, elsewhere };
}

export function CampaignBuilder() {
  const options = useBuilderOptions();
  const startBuild = useStartBuild();
  const queryClient = useQueryClient();
  const [build, setBuild] = useState<Build | null>(null);
  const status = useBuildStatus(build?.buildId ?? null);
  const state = status.data?.state;
  const running = startBuild.isPending || (build !== null && state !== 'done' && state !== 'failed' && !status.isError);

  useEffect(() => {
    // The new campaign becomes the « previous campaign » of its référentiel.
    if (state === 'done') void queryClient.invalidateQueries({ queryKey: campaignKeys.builder() });
  }, [state, queryClient]);

  const submit = (request: BuildRequest) => {
    const prefillFrom = request.prefill
      ? (options.data?.referentials.find((r) => r.documentId === request.referential)?.lastCampaign?.name ?? null)
      : null;
    startBuild.mutate(request, {
      onSuccess: ({ buildId, total }) => setBuild({ buildId, total, prefillFrom }),
    });
  };

  const restart = () => {
    setBuild(null);
    startBuild.reset();
  };

  const refused = useMemo(() => splitErrors(errorDetails<{ errors?: FieldError[] }>(startBuild.error)?.errors), [startBuild.error]);
  const serverErrors = refused.byField;
  const generalError = !startBuild.isError
    ? null
    : refused.elsewhere.length > 0
      ? refused.elsewhere.join(' ')
      : Object.keys(serverErrors).length === 0
        ? errorMessage(startBuild.error)
        : null;

  return (
    <Page.Main>
      <Page.Title>{TITLE}</Page.Title>
      <Layouts.Header
        title={TITLE}
        subtitle="Créez une campagne d’évaluation : une fiche est préparée pour chaque service et chaque engagement du référentiel qui le concerne. Les services la remplissent ensuite depuis leur espace."
      />
      <Layouts.Content>
        {options.isPending ? (
          <Page.Loading>Chargement des référentiels et des services…</Page.Loading>
        ) : options.isError ? (
          <Typography role="alert" textColor="danger600">
            Le formulaire n’a pas pu être chargé. {errorMessage(options.error)}
          </Typography>
        ) : options.data.referentials.length === 0 ? (
          <Typography>
            Aucun référentiel pour l’instant : importez-en un depuis la page « Importer un référentiel » avant de créer
            une campagne.
          </Typography>
        ) : (
          <Flex direction="column" alignItems="stretch" gap={6}>
            <div role="alert">
              {generalError ? (
                <Typography textColor="danger600">La campagne n’a pas été créée. {generalError}</Typography>
              ) : null}
            </div>
            {build ? (
              <BuildProgress
                status={status.data}
                total={build.total}
                pollError={status.isError ? status.error : null}
                prefillFrom={build.prefillFrom}
                onRestart={restart}
              />
            ) : null}
            {/* Once the campaign exists the form would describe the next one: it comes back with « Créer une autre campagne ». */}
            {state === 'done' ? null : (
              <CampaignForm
                options={options.data}
                disabled={running}
                submitting={startBuild.isPending}
                serverErrors={serverErrors}
                onSubmit={submit}
              />
            )}
          </Flex>
        )}
      </Layouts.Content>
    </Page.Main>
  );
}
