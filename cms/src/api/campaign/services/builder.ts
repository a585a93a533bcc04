import type { CmsServices } from '@charte/contract';
import type { Core } from '@strapi/strapi';
import { builderOptions } from '../../../campaigns/builder-options';
import { buildStatus, startBuild } from '../../../campaigns/start-build';

/** `api::campaign.builder`: the "Nouvelle campagne" builder used by the admin panel (charte-admin plugin). */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  options: () => builderOptions(strapi),
  start: (body: unknown, adminUser: { id: number } | null | undefined) => startBuild(strapi, body, adminUser),
  status: (buildId: string) => buildStatus(strapi, buildId),
}) satisfies CmsServices['api::campaign.builder'];
