import { choiceLabel } from '@charte/contract';
import { Link, Navigate, useParams } from 'react-router-dom';
import { ErrorMessage, Loading } from '../../../components/Loading';
import { useTitleFocus } from '../../../hooks/useTitleFocus';
import { formatDate } from '../../../lib/format';
import { useLabels } from '../../../lib/labels';
import { useComplaint, usePublicReplyOf } from '../api/complaints';
import { PublicReplyForm } from '../components/PublicReplyForm';

/**
 * « Réponse publique » of a complaint (/reclamations/:documentId/reponse-publique): the request as
 * received (private, never published) beside the form of its public version. A complaint that
 * already has one opens it instead.
 */
export default function NewPublicReplyPage() {
  const { documentId = '' } = useParams();
  const labels = useLabels();
  const complaint = useComplaint(documentId);
  const existing = usePublicReplyOf(documentId);
  useTitleFocus(!complaint.isPending && !existing.isPending);
  if (complaint.isPending || existing.isPending) return <Loading />;
  if (existing.data) return <Navigate to={`/a-traiter/feedback-replies/${existing.data.documentId}`} replace />;
  return (
    <section>
      <p className="breadcrumb">
        <Link to="/reclamations">Réclamations</Link>
      </p>
      <h1 tabIndex={-1}>Réponse publique</h1>
      {complaint.isError ? (
        <ErrorMessage error={complaint.error} />
      ) : (
        complaint.data && (
          <>
            <div className="panel">
              <h2>Demande reçue (privée, jamais publiée)</h2>
              <p>
                {choiceLabel(labels, complaint.data.kind)} du {formatDate(complaint.data.receivedAt)}
                {complaint.data.service ? ` — ${complaint.data.service.name}` : ''} : <strong>{complaint.data.subject}</strong>
              </p>
              {complaint.data.description && <p className="quoted">{complaint.data.description}</p>}
              {complaint.data.outcome && (
                <p>
                  <strong>Suite donnée :</strong> {complaint.data.outcome}
                </p>
              )}
            </div>
            <PublicReplyForm complaint={documentId} />
          </>
        )
      )}
    </section>
  );
}
