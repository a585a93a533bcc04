import { fieldHelp, fieldLabel } from '@charte/contract';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { SaveFooter } from '../../../components/SaveFooter';
import { useCreateDocument, useUpdateDocument, type WorkflowDocument } from '../../../lib/documents';
import { useLabels } from '../../../lib/labels';

const TYPE = 'feedback-reply';

/**
 * The town's public reply to a complaint or suggestion, as a draft: what the person said, rewritten
 * for the public without their name or contact, and the answer. The cms refuses a text holding an
 * e-mail, a phone number or the person's name; nothing is public until the référent approves it.
 */
export function PublicReplyForm({ reply, complaint }: { reply?: WorkflowDocument; complaint?: string }) {
  const labels = useLabels();
  const navigate = useNavigate();
  const create = useCreateDocument('feedback-replies');
  const update = useUpdateDocument('feedback-replies', reply?.documentId ?? '');
  const mutation = reply ? update : create;
  const [said, setSaid] = useState<string>(reply?.said ?? '');
  const [answer, setAnswer] = useState<string>(reply?.reply ?? '');
  const [saved, setSaved] = useState(false);
  const label = (field: string) => fieldLabel(labels, TYPE, field);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const data = { said: said.trim(), reply: answer.trim() };
    if (reply) update.mutate(data, { onSuccess: () => setSaved(true) });
    else create.mutate({ ...data, complaint }, { onSuccess: (created) => navigate(`/a-traiter/feedback-replies/${created.documentId}`) });
  };

  return (
    <form className="action-form" onSubmit={submit} aria-labelledby="reply-form-title">
      <h2 id="reply-form-title">{reply ? 'Modifier le brouillon' : 'Rédiger la réponse publique'}</h2>
      <div className="field">
        <label htmlFor="reply-said">
          {label('said')} <span className="required">(obligatoire)</span>
        </label>
        <textarea id="reply-said" rows={3} maxLength={1000} required value={said} onChange={(e) => (setSaved(false), setSaid(e.target.value))} aria-describedby="reply-said-help" />
        <p id="reply-said-help" className="muted">
          {fieldHelp(labels, TYPE, 'said')}
        </p>
      </div>
      <div className="field">
        <label htmlFor="reply-reply">
          {label('reply')} <span className="required">(obligatoire)</span>
        </label>
        <textarea id="reply-reply" rows={5} maxLength={2000} required value={answer} onChange={(e) => (setSaved(false), setAnswer(e.target.value))} aria-describedby="reply-reply-help" />
        <p id="reply-reply-help" className="muted">
          {fieldHelp(labels, TYPE, 'reply')}
        </p>
      </div>
      <SaveFooter error={mutation.isError ? mutation.error?.message : null} saved={saved} pending={mutation.isPending} creating={reply ? undefined : 'Enregistrer le brouillon'} />
      <p className="muted">Le brouillon n’est pas public : une fois relu, « Approuver » le publie sur la page « Vous nous l’avez dit, nous l’avons fait ».</p>
    </form>
  );
}
