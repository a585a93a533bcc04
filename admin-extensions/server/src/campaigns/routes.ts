import { PERMISSIONS, requires } from '../permissions';

// "Nouvelle campagne" in the admin panel: form options, start a build, poll its progress.
const policies = requires(PERMISSIONS.campaignBuild);

export const campaignRoutes = [
  { method: 'GET', path: '/campaigns/builder', handler: 'campaigns.options', config: { policies } },
  { method: 'POST', path: '/campaigns/builds', handler: 'campaigns.start', config: { policies } },
  { method: 'GET', path: '/campaigns/builds/:buildId', handler: 'campaigns.status', config: { policies } },
];
