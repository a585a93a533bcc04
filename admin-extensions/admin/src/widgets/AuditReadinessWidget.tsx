import type { Readiness, ServiceReadiness } from '@charte/contract';
import { Box, Flex, Typography } from '@strapi/design-system';
import { useFetchClient, Widget } from '@strapi/admin/strapi-admin';
import { useQuery } from '@tanstack/react-query';
import { PLUGIN_ID } from '../lib/plugin';
import { queryClient } from '../lib/query';

/**
 * Homepage widget « Prêt pour l’audit ? »: per service of the audited campaign, ready or what is
 * missing, counted as the front's checklist (/certification) lists it — where each gap has its link.
 */
export function AuditReadinessWidget() {
  const { get } = useFetchClient();
  const readiness = useQuery(
    {
      queryKey: [PLUGIN_ID, 'dashboard', 'readiness'],
      queryFn: async () => (await get<{ data: Readiness | null }>(`/${PLUGIN_ID}/dashboard/readiness`)).data.data,
    },
    queryClient,
  );
  if (readiness.isLoading) return <Widget.Loading>Chargement de la préparation de l’audit…</Widget.Loading>;
  if (readiness.isError) return <Widget.Error>La préparation de l’audit n’a pas pu être chargée.</Widget.Error>;
  if (!readiness.data || !readiness.data.services.length) return <Widget.NoData>Aucune campagne à auditer pour l’instant.</Widget.NoData>;
  return (
    <Flex direction="column" alignItems="stretch" gap={3}>
      <Typography variant="pi" textColor="neutral600">
        Campagne « {readiness.data.campaign.name} »
      </Typography>
      <Box tag="ul">
        {readiness.data.services.map((entry) => (
          <ServiceRow key={entry.service.documentId} entry={entry} />
        ))}
      </Box>
      <Typography variant="pi" textColor="neutral600">
        <a href="/certification">Voir ce qui manque, engagement par engagement</a>
      </Typography>
    </Flex>
  );
}

function ServiceRow({ entry }: { entry: ServiceReadiness }) {
  const { counts } = entry;
  const missing = [
    counts.criteria - counts.approved && `${counts.criteria - counts.approved} évaluation(s) à approuver`,
    counts.criteria - counts.withEvidence && `${counts.criteria - counts.withEvidence} sans preuve valide`,
    counts.gaps - counts.gapsWithAction && `${counts.gaps - counts.gapsWithAction} écart(s) sans action`,
    counts.blockingFindings && `${counts.blockingFindings} non-conformité(s) majeure(s) ouverte(s)`,
  ].filter(Boolean);
  return (
    <Box tag="li" paddingBottom={3}>
      <Flex justifyContent="space-between" gap={2}>
        <Typography fontWeight="semiBold">{entry.service.name}</Typography>
        <Typography variant="pi" textColor={entry.ready ? 'success600' : 'danger600'}>
          {entry.ready ? 'Prêt' : 'Pas encore prêt'}
        </Typography>
      </Flex>
      {missing.length > 0 && (
        <Typography variant="pi" textColor="neutral600">
          {missing.join(' · ')}
        </Typography>
      )}
    </Box>
  );
}
