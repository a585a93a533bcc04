import type { RowStatus } from '@charte/contract';

type BadgeVariant = 'success' | 'primary' | 'danger' | 'warning' | 'neutral' | 'secondary' | 'alternative';

/**
 * What the import does with a row of the file, in a word as well as a colour, so that it reads
 * without colour. (The levels and the origins are named by the model map: lib/labels.ts.)
 */
export const STATUS: Record<RowStatus, { label: string; variant: BadgeVariant }> = {
  added: { label: 'Ajout', variant: 'success' },
  updated: { label: 'Mise à jour', variant: 'warning' },
  unchanged: { label: 'Inchangé', variant: 'neutral' },
  error: { label: 'Erreur', variant: 'danger' },
};
