import { notesQueryGuard, redactEmbeddedInterviewNotes } from '../../../access/interview-notes';
import { scopedController } from '../../../access/scoped-controller';

export default scopedController('api::evaluation.evaluation', redactEmbeddedInterviewNotes, notesQueryGuard({ fullText: false }));
