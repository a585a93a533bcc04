import { scopedController } from '../../../access/scoped-controller';

export default scopedController('api::mystery-grid.mystery-grid');
