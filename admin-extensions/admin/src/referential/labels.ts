import type { RowKind, RowStatus } from './api';

type BadgeVariant = 'success' | 'primary' | 'danger' | 'warning' | 'neutral' | 'secondary' | 'alternative';

/** Each status has a word as well as a colour, so that it reads without colour. */
export const STATUS: Record<RowStatus, { label: string; variant: BadgeVariant }> = {
  added: { label: 'Ajout', variant: 'success' },
  updated: { label: 'Mise à jour', variant: 'warning' },
  unchanged: { label: 'Inchangé', variant: 'neutral' },
  error: { label: 'Erreur', variant: 'danger' },
};

export const KIND: Record<RowKind, string> = {
  referential: 'Référentiel',
  theme: 'Thème',
  criterion: 'Engagement',
  indicator: 'Indicateur',
};

export const SOURCE: Record<string, string> = {
  qualivilles: 'Qualivilles (AFNOR)',
  marianne: 'Marianne',
  'services-publics-plus': 'Services Publics +',
  local: 'Référentiel de la commune',
};
