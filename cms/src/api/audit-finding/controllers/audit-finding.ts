import { scopedController } from '../../../access/scoped-controller';

export default scopedController('api::audit-finding.audit-finding');
