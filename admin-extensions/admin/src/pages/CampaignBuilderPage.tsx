import { CampaignBuilder } from '../campaigns/CampaignBuilder';
import { QueryProvider } from '../lib/query';

export default function CampaignBuilderPage() {
  return (
    <QueryProvider>
      <CampaignBuilder />
    </QueryProvider>
  );
}
