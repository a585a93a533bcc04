import { Button, Dialog, Typography } from '@strapi/design-system';
import { Check } from '@strapi/icons';
import type { Preview } from '@charte/contract';
import { plural, untouched } from '../lib/format';

interface Props {
  preview: Preview;
  disabled: boolean;
  pending: boolean;
  onConfirm(): void;
}

function whatWillBeWritten(preview: Preview): string {
  const { name, code, exists } = preview.referential;
  const label = name ? `« ${name} »` : code ? `de code ${code}` : 'du fichier';
  const { added, updated } = preview.counts;
  const action = exists ? 'mis à jour' : 'créé';
  return `Le référentiel ${label} sera ${action} : ${plural(added, 'élément ajouté', 'éléments ajoutés')} et ${plural(
    updated,
    'élément modifié',
    'éléments modifiés',
  )} (thèmes, engagements et indicateurs).`;
}

/** « Appliquer l’import » asks once more, saying exactly what will be written. */
export function ApplyDialog({ preview, disabled, pending, onConfirm }: Props) {
  return (
    <Dialog.Root>
      <Dialog.Trigger>
        <Button startIcon={<Check />} disabled={disabled} loading={pending} size="M">
          {pending ? 'Import en cours…' : 'Appliquer l’import'}
        </Button>
      </Dialog.Trigger>
      <Dialog.Content>
        <Dialog.Header>Appliquer l’import ?</Dialog.Header>
        <Dialog.Body>
          <Typography tag="p">{whatWillBeWritten(preview)}</Typography>
          <Typography tag="p">
            {untouched(preview.counts.unchanged)} L’import se fait d’un seul bloc : en cas de problème, rien n’est enregistré.
          </Typography>
        </Dialog.Body>
        <Dialog.Footer>
          <Dialog.Cancel>
            <Button fullWidth variant="tertiary">
              Annuler
            </Button>
          </Dialog.Cancel>
          <Dialog.Action>
            <Button fullWidth onClick={onConfirm}>
              Appliquer l’import
            </Button>
          </Dialog.Action>
        </Dialog.Footer>
      </Dialog.Content>
    </Dialog.Root>
  );
}
