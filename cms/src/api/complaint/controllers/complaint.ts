import { scopedController } from '../../../access/scoped-controller';

export default scopedController('api::complaint.complaint');
