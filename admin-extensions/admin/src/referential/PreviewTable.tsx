import {
  Badge,
  Box,
  Field,
  Flex,
  SingleSelect,
  SingleSelectOption,
  Table,
  Tbody,
  Td,
  Th,
  Thead,
  Tr,
  Typography,
  VisuallyHidden,
} from '@strapi/design-system';
import { useState } from 'react';
import { fieldLabel, typeLabel, type Preview, type PreviewRow } from '@charte/contract';
import { formatCount } from '../lib/format';
import { modelLabels } from '../lib/labels';
import { STATUS } from './labels';
import { countOf } from './PreviewSummary';

type Filter = 'error' | 'added' | 'updated' | 'all';

const FILTERS: Array<{ value: Filter; label: string }> = [
  { value: 'error', label: 'les erreurs' },
  { value: 'added', label: 'les ajouts' },
  { value: 'updated', label: 'les mises à jour' },
  { value: 'all', label: 'tout' },
];

function isFilter(value: string | number): value is Filter {
  return FILTERS.some((filter) => filter.value === value);
}

function RowDetail({ row }: { row: PreviewRow }) {
  if (row.errors.length > 0) {
    return (
      <Box tag="ul">
        {row.errors.map((error, index) => (
          <Typography key={index} tag="li" textColor="danger700">
            {error}
          </Typography>
        ))}
      </Box>
    );
  }
  // The server names the changed columns (« Intitulé », « Poids »…).
  if (row.changes.length > 0) return <Typography>Modifié : {row.changes.join(', ')}</Typography>;
  return <Typography textColor="neutral500">—</Typography>;
}

/** One line per row of the file; errors are shown first when there are some. */
export function PreviewTable({ preview }: { preview: Preview }) {
  const [filter, setFilter] = useState<Filter>(preview.counts.errors > 0 ? 'error' : 'all');
  const labels = modelLabels();
  const rows = filter === 'all' ? preview.rows : preview.rows.filter((row) => row.status === filter);
  const optionLabel = ({ value, label }: { value: Filter; label: string }) =>
    value === 'all'
      ? `${label} (${formatCount(preview.rows.length)})`
      : `${label} (${formatCount(countOf(preview, value))})`;

  return (
    <Flex direction="column" alignItems="stretch" gap={3}>
      <Flex gap={4} alignItems="flex-end" wrap="wrap">
        <Box minWidth="28rem">
          <Field.Root name="preview-filter">
            <Field.Label>Afficher seulement</Field.Label>
            <SingleSelect value={filter} onChange={(value) => isFilter(value) && setFilter(value)}>
              {FILTERS.map((option) => (
                <SingleSelectOption key={option.value} value={option.value}>
                  {optionLabel(option)}
                </SingleSelectOption>
              ))}
            </SingleSelect>
          </Field.Root>
        </Box>
        <Typography textColor="neutral600" aria-live="polite">
          {rows.length > 1 ? `${formatCount(rows.length)} lignes affichées` : `${rows.length} ligne affichée`}
        </Typography>
      </Flex>
      {rows.length === 0 ? (
        <Typography textColor="neutral600">Aucune ligne de ce type dans le fichier.</Typography>
      ) : (
        <Table colCount={7} rowCount={rows.length + 1}>
          <VisuallyHidden tag="caption">Détail ligne par ligne du fichier</VisuallyHidden>
          <Thead>
            <Tr>
              <Th><Typography variant="sigma">Feuille</Typography></Th>
              <Th><Typography variant="sigma">Ligne</Typography></Th>
              <Th><Typography variant="sigma">Type</Typography></Th>
              <Th><Typography variant="sigma">{fieldLabel(labels, 'theme', 'code')}</Typography></Th>
              <Th><Typography variant="sigma">Intitulé</Typography></Th>
              <Th><Typography variant="sigma">Statut</Typography></Th>
              <Th><Typography variant="sigma">Détail</Typography></Th>
            </Tr>
          </Thead>
          <Tbody>
            {rows.map((row) => (
              <Tr key={`${row.sheet}-${row.row}-${row.kind}-${row.code ?? ''}`}>
                <Td><Typography>{row.sheet}</Typography></Td>
                <Td><Typography>{row.row}</Typography></Td>
                <Td><Typography>{typeLabel(labels, row.kind)}</Typography></Td>
                <Td><Typography>{row.code ?? '—'}</Typography></Td>
                <Td style={{ whiteSpace: 'normal', minWidth: '16rem' }}>
                  <Typography>{row.title ?? '—'}</Typography>
                </Td>
                <Td>
                  <Badge variant={STATUS[row.status].variant}>{STATUS[row.status].label}</Badge>
                </Td>
                <Td style={{ whiteSpace: 'normal', minWidth: '20rem' }}>
                  <RowDetail row={row} />
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
    </Flex>
  );
}
