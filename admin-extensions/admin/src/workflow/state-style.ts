import type { StatusVariant } from '@strapi/design-system';

/** Colour of each workflow state; the label is always written too (never colour alone). */
export const STATE_VARIANT: Record<string, StatusVariant> = {
  draft: 'neutral',
  submitted: 'warning',
  validated: 'primary',
  approved: 'success',
};

export const stateVariant = (state: string): StatusVariant => STATE_VARIANT[state] ?? 'secondary';
