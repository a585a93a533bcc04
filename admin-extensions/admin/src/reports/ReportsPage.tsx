import { typeLabel, type CatalogCampaign } from '@charte/contract';
import { Layouts, Page } from '@strapi/admin/strapi-admin';
import { Box, Button, Checkbox, Flex, LinkButton, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { useState } from 'react';
import { errorMessage } from '../lib/errors';
import { modelLabels } from '../lib/labels';
import { QueryProvider } from '../lib/query';
import { useReportCatalog, useReportDownload } from './api';

const TITLE = 'Rapports';

function CampaignReports({ campaign, draft }: { campaign: CatalogCampaign; draft: boolean }) {
  const download = useReportDownload();
  const busy = (service?: string) => download.isPending && download.variables?.campaign === campaign.documentId && download.variables?.service === service;
  return (
    <Box background="neutral0" padding={6} shadow="tableShadow" hasRadius>
      <Flex direction="column" alignItems="stretch" gap={4}>
        <Flex justifyContent="space-between" alignItems="center">
          <Typography variant="delta" tag="h2">
            {campaign.name}
          </Typography>
          <Button variant="secondary" loading={busy(undefined)} onClick={() => download.mutate({ kind: 'synthesis', campaign: campaign.documentId, draft })}>
            Synthèse (PDF)
          </Button>
        </Flex>
        <Table colCount={2} rowCount={campaign.services.length + 1}>
          <Thead>
            <Tr>
              <Th>
                <Typography variant="sigma">{typeLabel(modelLabels(), 'service')}</Typography>
              </Th>
              <Th>
                <Typography variant="sigma">Rapport d’évaluation</Typography>
              </Th>
            </Tr>
          </Thead>
          <Tbody>
            {campaign.services.map((s) => (
              <Tr key={s.slug}>
                <Td>
                  <Typography>{s.name}</Typography>
                </Td>
                <Td>
                  <Button variant="tertiary" loading={busy(s.slug)} onClick={() => download.mutate({ kind: 'evaluation', campaign: campaign.documentId, service: s.slug, draft })}>
                    Télécharger le rapport (PDF)
                  </Button>
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
        {download.isError && download.variables?.campaign === campaign.documentId && (
          <Typography textColor="danger600" role="alert">
            {errorMessage(download.error)}
          </Typography>
        )}
      </Flex>
    </Box>
  );
}

/** The public results files (no login): the poster of the lieux d'accueil and the SP+ open data. */
function PublicResults() {
  return (
    <Box background="neutral0" padding={6} shadow="tableShadow" hasRadius>
      <Flex direction="column" alignItems="stretch" gap={4}>
        <Typography variant="delta" tag="h2">
          Résultats publiés
        </Typography>
        <Typography>
          Les chiffres de la page publique « Nos résultats » : l’affiche à apposer dans les lieux d’accueil et le fichier à déposer sur la plateforme Services
          Publics + de l’État.
        </Typography>
        <Flex gap={2} wrap="wrap">
          <LinkButton variant="secondary" href="/api/public/results/poster.pdf?format=A4" download>
            Affiche des résultats (PDF, A4)
          </LinkButton>
          <LinkButton variant="secondary" href="/api/public/results/poster.pdf?format=A3" download>
            Affiche des résultats (PDF, A3)
          </LinkButton>
          <LinkButton variant="tertiary" href="/api/public/open-data/resultats.csv" download>
            Données ouvertes Services Publics + (CSV)
          </LinkButton>
        </Flex>
      </Flex>
    </Box>
  );
}

function Reports() {
  const catalog = useReportCatalog();
  const [draft, setDraft] = useState(false);
  return (
    <Page.Main>
      <Page.Title>{TITLE}</Page.Title>
      <Layouts.Header
        title={TITLE}
        subtitle="Rapport d’évaluation de chaque service et synthèse de chaque campagne, en PDF. Le rapport final ne reprend que les fiches validées ou approuvées ; la version de travail les reprend toutes, avec la mention « Document de travail » sur chaque page."
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          <Checkbox checked={draft} onCheckedChange={(checked: boolean | 'indeterminate') => setDraft(checked === true)}>
            Version de travail (toutes les fiches, filigrane « Document de travail »)
          </Checkbox>
          {catalog.isPending && <Typography>Chargement…</Typography>}
          {catalog.isError && (
            <Typography textColor="danger600" role="alert">
              {errorMessage(catalog.error)}
            </Typography>
          )}
          {catalog.data?.length === 0 && <Typography>Aucune campagne d’évaluation.</Typography>}
          <PublicResults />
          {catalog.data?.map((c) => <CampaignReports key={c.documentId} campaign={c} draft={draft} />)}
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
}

export default function ReportsPage() {
  return (
    <QueryProvider>
      <Reports />
    </QueryProvider>
  );
}
