import { scopedController } from '../../../access/scoped-controller';

// Every role reads every campaign, but an external auditor only the one they audit (access/read-scope.ts).
export default scopedController('api::campaign.campaign');
