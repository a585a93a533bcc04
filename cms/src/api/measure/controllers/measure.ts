import { scopedController } from '../../../access/scoped-controller';

export default scopedController('api::measure.measure');
