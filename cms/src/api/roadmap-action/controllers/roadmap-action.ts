import { promptComplaintQueryGuard, redactPromptComplaint } from '../../../access/prompt-complaint';
import { scopedController } from '../../../access/scoped-controller';

export default scopedController('api::roadmap-action.roadmap-action', redactPromptComplaint, promptComplaintQueryGuard);
