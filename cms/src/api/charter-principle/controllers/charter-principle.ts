import { scopedController } from '../../../access/scoped-controller';

export default scopedController('api::charter-principle.charter-principle');
