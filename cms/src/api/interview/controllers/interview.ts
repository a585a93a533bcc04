import { notesQueryGuard, redactInterviewNotes } from '../../../access/interview-notes';
import { scopedController } from '../../../access/scoped-controller';

export default scopedController('api::interview.interview', redactInterviewNotes, notesQueryGuard({ fullText: true }));
