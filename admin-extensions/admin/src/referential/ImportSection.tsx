import type { ImportResult, Preview } from '@charte/contract';
import { Alert, Box, Button, Flex, Link, Loader, Typography } from '@strapi/design-system';
import { Eye } from '@strapi/icons';
import { useState } from 'react';
import { NavLink } from 'react-router-dom';
import { errorDetails, errorMessage } from '../lib/errors';
import { useApplyImport, usePreviewImport } from './api';
import { ApplyDialog } from './ApplyDialog';
import { FileChooser } from './FileChooser';
import { plural } from '../lib/format';
import { PreviewSummary } from './PreviewSummary';
import { PreviewTable } from './PreviewTable';

const CRITERIA_LIST = '/content-manager/collection-types/api::criterion.criterion';

function successSentence({ report, preview }: ImportResult): string {
  const name = report.referential?.name ?? preview.referential.name ?? preview.referential.code ?? '';
  const created = report.referential?.created ?? !preview.referential.exists;
  const { added, updated, unchanged } = preview.counts;
  return `Le référentiel « ${name} » a été ${created ? 'créé' : 'mis à jour'} : ${plural(added, 'ajout', 'ajouts')}, ${plural(
    updated,
    'mise à jour',
    'mises à jour',
  )}, ${plural(unchanged, 'élément inchangé', 'éléments inchangés')}.`;
}

/** Step 2: choose a file, look at what would change, then apply. Nothing is written before « Appliquer ». */
export function ImportSection() {
  const [file, setFile] = useState<File | null>(null);
  const [done, setDone] = useState<ImportResult | null>(null);
  const previewImport = usePreviewImport();
  const applyImport = useApplyImport();

  // A refused import sends back the preview of the file as the server read it: show that one.
  const refusedPreview =
    errorDetails<{ preview?: Preview }>(applyImport.error)?.preview ??
    errorDetails<{ preview?: Preview }>(previewImport.error)?.preview;
  const preview = refusedPreview ?? previewImport.data ?? null;
  const busy = previewImport.isPending || applyImport.isPending;

  const chooseFile = (chosen: File | null) => {
    setFile(chosen);
    setDone(null);
    previewImport.reset();
    applyImport.reset();
  };

  const apply = () => {
    if (!file) return;
    applyImport.mutate(file, {
      onSuccess: (result) => {
        setDone(result);
        setFile(null);
        previewImport.reset();
      },
    });
  };

  return (
    <Box background="neutral0" padding={6} shadow="tableShadow" hasRadius>
      <Flex direction="column" alignItems="stretch" gap={4}>
        <Typography tag="h2" variant="delta">
          2. Vérifier puis importer le fichier
        </Typography>
        <FileChooser file={file} disabled={busy} onChange={chooseFile} />
        <Flex gap={3} wrap="wrap">
          <Button
            variant={preview ? 'secondary' : 'default'}
            size="M"
            startIcon={<Eye />}
            disabled={!file || busy}
            loading={previewImport.isPending}
            onClick={() => file && previewImport.mutate(file)}
          >
            {previewImport.isPending ? 'Vérification en cours…' : 'Prévisualiser'}
          </Button>
          {preview && file ? (
            <ApplyDialog
              preview={preview}
              disabled={!preview.canApply || busy}
              pending={applyImport.isPending}
              onConfirm={apply}
            />
          ) : null}
        </Flex>

        <div role="status" aria-live="polite">
          {busy ? (
            <Flex gap={3}>
              <Loader small />
              <Typography>
                {applyImport.isPending
                  ? 'Import en cours… Ne fermez pas la page.'
                  : 'Vérification du fichier en cours…'}
              </Typography>
            </Flex>
          ) : null}
          {done ? (
            <Alert
              variant="success"
              title="Import terminé"
              closeLabel="Fermer le message"
              onClose={() => setDone(null)}
              action={
                <Link tag={NavLink} to={CRITERIA_LIST}>
                  Voir la liste des engagements
                </Link>
              }
            >
              {successSentence(done)}
              {done.report.warnings && done.report.warnings.length > 0
                ? ` À noter : ${done.report.warnings.join(' ')}`
                : ''}
            </Alert>
          ) : null}
        </div>
        {previewImport.isError ? (
          <Alert variant="danger" title="Le fichier n’a pas pu être vérifié" closeLabel="Fermer le message" onClose={() => previewImport.reset()}>
            {errorMessage(previewImport.error)}
          </Alert>
        ) : null}
        {applyImport.isError ? (
          <Alert variant="danger" title="L’import n’a pas été fait" closeLabel="Fermer le message" onClose={() => applyImport.reset()}>
            {errorMessage(applyImport.error)} Rien n’a été enregistré.
          </Alert>
        ) : null}

        {preview && file ? (
          <>
            <PreviewSummary preview={preview} />
            <PreviewTable key={`${preview.fileName}-${preview.rows.length}`} preview={preview} />
          </>
        ) : null}
      </Flex>
    </Box>
  );
}
