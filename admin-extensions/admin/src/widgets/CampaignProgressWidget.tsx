import type { ProgressResponse, ServiceProgress } from '@charte/contract';
import { Box, Flex, Typography } from '@strapi/design-system';
import { useFetchClient, Widget } from '@strapi/admin/strapi-admin';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { PLUGIN_ID } from '../lib/plugin';
import { queryClient } from '../lib/query';


const percent = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });
const STATES = [
  { key: 'approved', label: 'approuvées', color: 'success500' },
  { key: 'validated', label: 'validées', color: 'primary500' },
  { key: 'submitted', label: 'soumises', color: 'warning500' },
  { key: 'draft', label: 'brouillons', color: 'neutral300' },
] as const;

/** Homepage widget: conformity and workflow progress of every service in the current campaign. */
export function CampaignProgressWidget() {
  const { get } = useFetchClient();
  const progress = useQuery(
    {
      queryKey: [PLUGIN_ID, 'dashboard', 'progress'],
      queryFn: async () => (await get<ProgressResponse>(`/${PLUGIN_ID}/dashboard/progress`)).data,
    },
    queryClient,
  );
  if (progress.isLoading) return <Widget.Loading>Chargement de l’avancement…</Widget.Loading>;
  if (progress.isError || !progress.data) return <Widget.Error>L’avancement n’a pas pu être chargé.</Widget.Error>;
  const { data, meta } = progress.data;
  if (!meta.campaign || !data.length) return <Widget.NoData>Aucune campagne d’évaluation pour l’instant.</Widget.NoData>;
  return (
    <Flex direction="column" alignItems="stretch" gap={3} data-testid="campaign-progress-widget">
      <Typography variant="pi" textColor="neutral600">
        Campagne « {meta.campaign.name} »
      </Typography>
      <Box tag="ul">
        {data.map((row) => (
          <ServiceRow key={row.service.documentId} row={row} />
        ))}
      </Box>
      <Typography variant="pi" textColor="neutral600">
        <Link to={`/content-manager/collection-types/api::evaluation.evaluation`}>Voir toutes les évaluations</Link>
      </Typography>
    </Flex>
  );
}

function ServiceRow({ row }: { row: ServiceProgress }) {
  const { total } = row.evaluations;
  const rate = row.conformityRate === null ? 'non calculé' : `${percent.format(row.conformityRate)} %`;
  const summary = STATES.map((s) => `${row.evaluations[s.key]} ${s.label}`).join(', ');
  return (
    <Box tag="li" paddingBottom={3}>
      <Flex justifyContent="space-between" gap={2}>
        <Typography fontWeight="semiBold">{row.service.name}</Typography>
        <Typography variant="pi">Conformité : {rate}</Typography>
      </Flex>
      <Flex height="0.6rem" marginTop={1} hasRadius overflow="hidden" background="neutral150" aria-hidden>
        {total > 0 &&
          STATES.map((s) => (
            <Box key={s.key} background={s.color} height="100%" style={{ width: `${(100 * row.evaluations[s.key]) / total}%` }} />
          ))}
      </Flex>
      <Typography variant="pi" textColor="neutral600">
        {total} évaluations : {summary}
      </Typography>
    </Box>
  );
}
