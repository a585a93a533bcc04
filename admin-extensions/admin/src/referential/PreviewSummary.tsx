import { Box, Flex, Typography } from '@strapi/design-system';
import type { Preview, RowStatus } from '@charte/contract';
import { plural } from '../lib/format';

const COUNT_WORDS: Record<RowStatus, [string, string]> = {
  added: ['ajout', 'ajouts'],
  updated: ['mise à jour', 'mises à jour'],
  unchanged: ['inchangé', 'inchangés'],
  error: ['erreur', 'erreurs'],
};

const BACKGROUND: Record<RowStatus, 'success100' | 'warning100' | 'neutral150' | 'danger100'> = {
  added: 'success100',
  updated: 'warning100',
  unchanged: 'neutral150',
  error: 'danger100',
};

const TEXT: Record<RowStatus, 'success700' | 'warning700' | 'neutral800' | 'danger700'> = {
  added: 'success700',
  updated: 'warning700',
  unchanged: 'neutral800',
  error: 'danger700',
};

export function countOf(preview: Preview, status: RowStatus): number {
  return status === 'error' ? preview.counts.errors : preview.counts[status];
}

function referentialSentence(preview: Preview): string {
  const { code, name, exists } = preview.referential;
  const label = name ? `« ${name} »${code ? ` (${code})` : ''}` : code ? `de code ${code}` : '';
  if (!label) return 'Le fichier ne dit pas de quel référentiel il s’agit.';
  return exists
    ? `Le référentiel ${label} existe déjà : il sera mis à jour.`
    : `Le référentiel ${label} n’existe pas encore : il sera créé.`;
}

function nextStep(preview: Preview): string {
  const { added, updated, errors } = preview.counts;
  if (preview.canApply) {
    return added + updated === 0
      ? 'Le fichier est correct mais ne change rien : le référentiel est déjà à jour.'
      : 'Le fichier est correct. Rien n’est encore enregistré : vérifiez le détail ci-dessous, puis cliquez sur « Appliquer l’import ».';
  }
  if (errors === 0) return 'Ce fichier ne peut pas être importé. Vérifiez qu’il suit le modèle, puis choisissez-le à nouveau.';
  return errors > 1
    ? 'Rien ne peut être importé tant que le fichier contient des erreurs : corrigez les lignes signalées dans le fichier, enregistrez-le, puis choisissez-le à nouveau.'
    : 'Rien ne peut être importé tant que le fichier contient une erreur : corrigez la ligne signalée dans le fichier, enregistrez-le, puis choisissez-le à nouveau.';
}

/** The counts of the preview, each with its word (not colour alone), and what happens next. */
export function PreviewSummary({ preview }: { preview: Preview }) {
  const statuses: RowStatus[] = ['added', 'updated', 'unchanged', 'error'];
  return (
    <Flex direction="column" alignItems="stretch" gap={3}>
      <Typography tag="h3" variant="omega" fontWeight="bold">
        Résultat de la vérification de « {preview.fileName} »
      </Typography>
      <Typography>{referentialSentence(preview)}</Typography>
      <Flex tag="ul" gap={3} wrap="wrap">
        {statuses.map((status) => {
          const count = countOf(preview, status);
          const [one, many] = COUNT_WORDS[status];
          return (
            <Box
              key={status}
              tag="li"
              paddingTop={2}
              paddingBottom={2}
              paddingLeft={4}
              paddingRight={4}
              hasRadius
              background={count > 0 ? BACKGROUND[status] : 'neutral100'}
            >
              <Typography fontWeight="bold" textColor={count > 0 ? TEXT[status] : 'neutral600'}>
                {plural(count, one, many)}
              </Typography>
            </Box>
          );
        })}
      </Flex>
      <Typography textColor={preview.canApply ? 'neutral800' : 'danger700'}>{nextStep(preview)}</Typography>
    </Flex>
  );
}
