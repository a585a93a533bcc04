import { scopedController } from '../../../access/scoped-controller';

export default scopedController('api::roadmap-action.roadmap-action');
