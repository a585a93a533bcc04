import { scopedController } from '../../../access/scoped-controller';

// Scoped like every other type: an unknown or unreadable survey answers 404, not a silent 204.
export default scopedController('api::survey.survey');
