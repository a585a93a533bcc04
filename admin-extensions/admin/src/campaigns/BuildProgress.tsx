import { Alert, Box, Button, Flex, Link, Typography } from '@strapi/design-system';
import { useEffect, useRef } from 'react';
import { NavLink } from 'react-router-dom';
import { errorMessage } from '../lib/errors';
import type { BuildStatus } from '@charte/contract';
import { formatCount, plural } from '../lib/format';

const CAMPAIGN_EDIT = '/content-manager/collection-types/api::campaign.campaign';
const EVALUATION_LIST = '/content-manager/collection-types/api::evaluation.evaluation';

interface Props {
  status: BuildStatus | undefined;
  /** From the start request, until the first poll answers. */
  total: number;
  pollError: unknown;
  prefillFrom: string | null;
  onRestart(): void;
}

function doneSentence(status: BuildStatus, prefillFrom: string | null): string {
  const created = `La campagne « ${status.campaign?.name ?? ''} » est créée avec ${plural(
    status.done,
    'fiche d’évaluation',
    'fiches d’évaluation',
  )}`;
  if (status.prefilled === 0) return `${created}. Les services peuvent commencer à les remplir.`;
  const source = prefillFrom ? ` à partir de « ${prefillFrom} »` : '';
  return `${created}, dont ${plural(status.prefilled, 'pré-remplie', 'pré-remplies')}${source} : chaque service les relit avant de soumettre.`;
}

/** Follows the creation of the evaluations, then says how it ended. */
export function BuildProgress({ status, total, pollError, prefillFrom, onRestart }: Props) {
  const done = status?.done ?? 0;
  const all = status?.total ?? total;
  const percent = all > 0 ? Math.round((done / all) * 100) : 0;
  const state = status?.state ?? 'running';
  const heading = useRef<HTMLHeadingElement>(null);
  // The form above is now disabled: take the keyboard (and the screen reader) to the progress.
  useEffect(() => heading.current?.focus(), []);

  return (
    <Box background="neutral0" padding={6} shadow="tableShadow" hasRadius>
      <Flex direction="column" alignItems="stretch" gap={4}>
        <Typography ref={heading} tabIndex={-1} tag="h2" variant="delta">
          Création de la campagne
        </Typography>
        {/* Announced at the start and the end only: the counter below changes twice a second. */}
        <div role="status" aria-live="polite">
          {state === 'running' && !pollError ? (
            <Typography>Création des fiches d’évaluation en cours… Vous pouvez rester sur cette page.</Typography>
          ) : null}
          {state === 'done' && status ? (
            <Alert
              variant="success"
              title="Campagne créée"
              closeLabel="Fermer le message"
              onClose={onRestart}
              action={
                <Flex gap={4} wrap="wrap">
                  {status.campaign ? (
                    <Link tag={NavLink} to={`${CAMPAIGN_EDIT}/${status.campaign.documentId}`}>
                      Ouvrir la campagne
                    </Link>
                  ) : null}
                  <Link
                    tag={NavLink}
                    to={status.campaign ? `${EVALUATION_LIST}?filters[$and][0][campaign][documentId][$eq]=${status.campaign.documentId}` : EVALUATION_LIST}
                  >
                    Voir les fiches d’évaluation
                  </Link>
                </Flex>
              }
            >
              {doneSentence(status, prefillFrom)}
            </Alert>
          ) : null}
        </div>
        {state === 'failed' ? (
          <Alert variant="danger" title="La campagne n’a pas été créée" closeLabel="Fermer le message" onClose={onRestart}>
            {status?.message ?? 'La création s’est arrêtée.'} Rien n’a été enregistré : vous pouvez corriger le formulaire et
            réessayer.
          </Alert>
        ) : null}
        {pollError ? (
          <Alert variant="danger" title="Impossible de suivre la création" closeLabel="Fermer le message" onClose={onRestart}>
            {errorMessage(pollError)} La création continue peut-être : vérifiez la liste des campagnes avant de
            recommencer.
          </Alert>
        ) : null}
        {state !== 'failed' ? (
          <Flex direction="column" alignItems="stretch" gap={2}>
            {/* The design system's ProgressBar is drawn for dark overlays (white fill): a light-page bar instead. */}
            <Box
              role="progressbar"
              aria-label="Fiches d’évaluation créées"
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={percent}
              aria-valuetext={`${formatCount(done)} sur ${formatCount(all)} fiches créées`}
              background="neutral150"
              hasRadius
              height="1rem"
              overflow="hidden"
            >
              <Box
                background={state === 'done' ? 'success500' : 'primary600'}
                height="100%"
                width={`${percent}%`}
                style={{ transition: 'width 400ms ease-out' }}
              />
            </Box>
            <Typography aria-hidden textColor="neutral600">
              {`${formatCount(done)} / ${formatCount(all)} évaluations créées`}
            </Typography>
          </Flex>
        ) : null}
        {state !== 'running' || pollError ? (
          <Flex>
            <Button variant="secondary" onClick={onRestart}>
              {state === 'done' ? 'Créer une autre campagne' : 'Revenir au formulaire'}
            </Button>
          </Flex>
        ) : null}
      </Flex>
    </Box>
  );
}
