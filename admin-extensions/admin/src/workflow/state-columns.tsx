import { Status, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { stateVariant } from './state-style';

interface Header {
  name: string;
  attribute?: { type?: string };
  cellFormatter?: (row: Record<string, unknown>) => React.ReactNode;
  [key: string]: unknown;
}

/** A choice shown by its French label (the translations hold one per raw value, see translations/fr). */
function ChoiceLabel({ value }: { value: unknown }) {
  const { formatMessage } = useIntl();
  if (typeof value !== 'string' || !value) return <Typography textColor="neutral800">-</Typography>;
  return <Typography textColor="neutral800">{formatMessage({ id: value, defaultMessage: value })}</Typography>;
}

function StateBadge({ value }: { value: unknown }) {
  const { formatMessage } = useIntl();
  if (typeof value !== 'string') return <Typography textColor="neutral800">-</Typography>;
  return (
    <Status variant={stateVariant(value)} size="S" width="min-content">
      <Typography fontWeight="bold" textColor="neutral800">{formatMessage({ id: value, defaultMessage: value })}</Typography>
    </Status>
  );
}

/**
 * Content Manager list view hook: enumeration columns show French labels instead of raw codes,
 * and the workflow state a coloured badge with its label.
 */
export function stateColumns({ displayedHeaders, layout }: { displayedHeaders: Header[]; layout: unknown }) {
  return {
    layout,
    displayedHeaders: displayedHeaders.map((header) => {
      if (header.attribute?.type !== 'enumeration') return header;
      const field = header.name;
      return {
        ...header,
        cellFormatter: (row: Record<string, unknown>) =>
          field === 'workflowState' ? <StateBadge value={row[field]} /> : <ChoiceLabel value={row[field]} />,
      };
    }),
  };
}
