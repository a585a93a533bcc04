import { choiceLabel, fieldLabel, typeLabel, type ReferentialSummary, type SpreadsheetFormat } from '@charte/contract';
import { Box, Button, Flex, Loader, Table, Tbody, Td, Th, Thead, Tr, Typography, VisuallyHidden } from '@strapi/design-system';
import { Download } from '@strapi/icons';
import { errorMessage } from '../lib/errors';
import { useDownload, useReferentials } from './api';
import { formatCount } from '../lib/format';
import { modelLabels } from '../lib/labels';

function ExportButtons({ referential }: { referential: ReferentialSummary }) {
  const download = useDownload();
  const exportAs = (format: SpreadsheetFormat) =>
    download.mutate({ documentId: referential.documentId, format, fallbackName: `referentiel-${referential.code}` });
  const pendingFormat = download.isPending ? download.variables?.format : undefined;
  return (
    <Flex direction="column" alignItems="flex-start" gap={1}>
      <Flex gap={2}>
        <Button
          variant="secondary"
          size="S"
          startIcon={<Download />}
          loading={pendingFormat === 'xlsx'}
          disabled={download.isPending}
          onClick={() => exportAs('xlsx')}
          aria-label={`Exporter « ${referential.name} » au format Excel`}
        >
          Exporter (Excel)
        </Button>
        <Button
          variant="tertiary"
          size="S"
          loading={pendingFormat === 'csv'}
          disabled={download.isPending}
          onClick={() => exportAs('csv')}
          aria-label={`Exporter « ${referential.name} » au format CSV`}
        >
          CSV
        </Button>
      </Flex>
      <div role="status" aria-live="polite">
        {download.isError ? (
          <Typography variant="pi" textColor="danger600">
            Export impossible. {errorMessage(download.error)}
          </Typography>
        ) : null}
      </div>
    </Flex>
  );
}

/** The référentiels already in the database, each exportable to edit it and import it back. */
export function ReferentialList() {
  const referentials = useReferentials();
  const labels = modelLabels();
  const field = (name: string) => fieldLabel(labels, 'referential', name);
  return (
    <Box background="neutral0" padding={6} shadow="tableShadow" hasRadius>
      <Flex direction="column" alignItems="stretch" gap={4}>
        <Typography tag="h2" variant="delta">
          Référentiels existants
        </Typography>
        <Typography tag="p" textColor="neutral600">
          Pour modifier un référentiel, exportez-le, modifiez le fichier puis importez-le ci-dessus : les thèmes,
          engagements et indicateurs sont reconnus par leur code.
        </Typography>
        {referentials.isPending ? (
          <Flex gap={3} role="status">
            <Loader small />
            <Typography>Chargement des référentiels…</Typography>
          </Flex>
        ) : referentials.isError ? (
          <Typography role="alert" textColor="danger600">
            La liste des référentiels n’a pas pu être chargée. {errorMessage(referentials.error)}
          </Typography>
        ) : referentials.data.length === 0 ? (
          <Typography>Aucun référentiel pour l’instant : importez le premier avec le formulaire ci-dessus.</Typography>
        ) : (
          <Table colCount={8} rowCount={referentials.data.length + 1}>
            <VisuallyHidden tag="caption">Référentiels existants</VisuallyHidden>
            <Thead>
              <Tr>
                <Th><Typography variant="sigma">{field('name')}</Typography></Th>
                <Th><Typography variant="sigma">{field('code')}</Typography></Th>
                <Th><Typography variant="sigma">{field('version')}</Typography></Th>
                <Th><Typography variant="sigma">{field('source')}</Typography></Th>
                <Th><Typography variant="sigma">{field('themes')}</Typography></Th>
                <Th><Typography variant="sigma">{typeLabel(labels, 'criterion', true)}</Typography></Th>
                <Th><Typography variant="sigma">{typeLabel(labels, 'indicator', true)}</Typography></Th>
                <Th><Typography variant="sigma">Exporter</Typography></Th>
              </Tr>
            </Thead>
            <Tbody>
              {referentials.data.map((referential) => (
                <Tr key={referential.documentId}>
                  <Td style={{ whiteSpace: 'normal' }}>
                    <Typography fontWeight="bold">{referential.name}</Typography>
                  </Td>
                  <Td><Typography>{referential.code}</Typography></Td>
                  <Td><Typography>{referential.version ?? '—'}</Typography></Td>
                  <Td>
                    <Typography>{referential.source ? choiceLabel(labels, referential.source) : '—'}</Typography>
                  </Td>
                  <Td><Typography>{formatCount(referential.themes)}</Typography></Td>
                  <Td><Typography>{formatCount(referential.criteria)}</Typography></Td>
                  <Td><Typography>{formatCount(referential.indicators)}</Typography></Td>
                  <Td>
                    <ExportButtons referential={referential} />
                  </Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        )}
      </Flex>
    </Box>
  );
}
