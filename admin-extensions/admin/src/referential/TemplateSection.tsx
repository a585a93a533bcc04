import type { SpreadsheetFormat } from '@charte/contract';
import { Box, Button, Flex, TextButton, Typography } from '@strapi/design-system';
import { Download } from '@strapi/icons';
import { errorMessage } from '../lib/errors';
import { useDownload } from './api';

/** Step 1: the empty template, so that staff start from the expected columns. */
export function TemplateSection() {
  const download = useDownload();
  const fetchTemplate = (format: SpreadsheetFormat) => download.mutate({ format, fallbackName: 'modele-referentiel' });
  const format = download.variables?.format;

  return (
    <Box background="neutral0" padding={6} shadow="tableShadow" hasRadius>
      <Flex direction="column" alignItems="stretch" gap={3}>
        <Typography tag="h2" variant="delta">
          1. Préparer le fichier
        </Typography>
        <Typography tag="p" textColor="neutral600">
          Partez du modèle : il contient les feuilles et les colonnes attendues (thèmes, engagements, indicateurs),
          avec une ligne d’exemple. Pour modifier un référentiel existant, exportez-le plutôt depuis la liste en bas de
          page.
        </Typography>
        <Flex gap={4} wrap="wrap">
          <Button
            variant="secondary"
            startIcon={<Download />}
            loading={download.isPending && format === 'xlsx'}
            disabled={download.isPending}
            onClick={() => fetchTemplate('xlsx')}
          >
            Télécharger le modèle (Excel)
          </Button>
          <TextButton disabled={download.isPending} onClick={() => fetchTemplate('csv')}>
            ou au format CSV
          </TextButton>
        </Flex>
        <div role="status" aria-live="polite">
          {download.isError ? (
            <Typography textColor="danger600">
              Le modèle n’a pas pu être téléchargé. {errorMessage(download.error)}
            </Typography>
          ) : null}
        </div>
      </Flex>
    </Box>
  );
}
