import { scopedController } from '../../../access/scoped-controller';

export default scopedController('api::mystery-campaign.mystery-campaign');
