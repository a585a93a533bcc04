import { commonFieldLabel, typeLabel } from '@charte/contract';
import { Link } from 'react-router-dom';
import { ErrorMessage, Loading } from '../../../components/Loading';
import { formatDateTime } from '../../../lib/format';
import { useLabels } from '../../../lib/labels';
import { useInbox } from '../api/workflow';

export function InboxPage() {
  const inbox = useInbox();
  const labels = useLabels();
  return (
    <section aria-labelledby="inbox-title">
      <h1 id="inbox-title" tabIndex={-1}>
        À traiter
      </h1>
      {inbox.isPending && <Loading />}
      {inbox.isError && <ErrorMessage error={inbox.error} />}
      {inbox.data && inbox.data.length === 0 && <p>Rien ne vous attend pour le moment.</p>}
      {inbox.data && inbox.data.length > 0 && (
        <>
          <p className="lead">
            {inbox.data.length} fiche{inbox.data.length > 1 ? 's attendent' : ' attend'} une action de votre part, les plus anciennes d’abord.
          </p>
          <table className="inbox">
            <caption className="visually-hidden">Fiches qui attendent votre action</caption>
            <thead>
              <tr>
                <th scope="col">Fiche</th>
                <th scope="col">Type</th>
                <th scope="col">{typeLabel(labels, 'service')}</th>
                <th scope="col">{commonFieldLabel(labels, 'workflowState')}</th>
                <th scope="col">Dernière modification</th>
                <th scope="col">Actions possibles</th>
              </tr>
            </thead>
            <tbody>
              {inbox.data.map((item) => (
                <tr key={`${item.collection}-${item.documentId}`}>
                  <td>
                    <Link to={`/a-traiter/${item.collection}/${item.documentId}`}>{item.title}</Link>
                  </td>
                  <td>{item.type}</td>
                  <td>{item.service?.name ?? '—'}</td>
                  <td>
                    <span className={`badge state-${item.workflowState}`}>{item.stateLabel}</span>
                  </td>
                  <td>{formatDateTime(item.updatedAt)}</td>
                  <td>{item.actions.map((a) => a.label).join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
