import { scopedController } from '../../../access/scoped-controller';

export default scopedController('api::feedback-reply.feedback-reply');
