import { choiceLabel, fieldLabel, typeLabel, type RegisterRow, type RegisterState } from '@charte/contract';
import { ScrollRegion } from '../../../components/ScrollRegion';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { ErrorMessage, Loading } from '../../../components/Loading';
import { formatDate } from '../../../lib/format';
import { useSession } from '../../../lib/auth';
import { useLabels } from '../../../lib/labels';
import { useRegister, useServiceOptions } from '../api/complaints';
import { BilanSection } from '../components/BilanSection';
import { ComplaintForm } from '../components/ComplaintForm';

const STATES: [RegisterState, string][] = [
  ['open', 'En attente de réponse'],
  ['overdue', 'En retard'],
  ['answered', 'Répondues'],
  ['all', 'Toutes'],
];

function delay(row: RegisterRow) {
  if (row.status === 'answered-in-time') return <span className="success">Répondue le {formatDate(row.answeredAt)}, dans le délai</span>;
  if (row.status === 'answered-late') return <span>Répondue le {formatDate(row.answeredAt)}, hors délai</span>;
  const left = row.daysLeft ?? 0;
  if (left < 0) return <strong className="error">En retard de {-left} jour{-left > 1 ? 's' : ''}</strong>;
  if (left === 0) return <strong>Échéance aujourd’hui</strong>;
  return <span className={row.status === 'due-soon' ? 'error' : undefined}>Encore {left} jour{left > 1 ? 's' : ''}</span>;
}

/** « Réclamations » for staff: the register of their services, the entry form and the annual bilan. */
export default function ComplaintsPage() {
  const session = useSession();
  const labels = useLabels();
  const [state, setState] = useState<RegisterState>('open');
  const [service, setService] = useState('');
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<string | null>(null);
  const [message, setMessage] = useState('');
  const register = useRegister({ state, service, page });
  const allServices = useServiceOptions();
  const role = session.data?.role;
  const mine = new Set(session.data?.services.map((s) => s.documentId));
  const services = (allServices.data ?? []).filter((s) => role?.readScope === 'all' || mine.has(s.documentId));
  const mayEdit = role?.type !== 'dgs';

  const done = (text: string) => {
    setEditing(null);
    setMessage(text);
  };

  return (
    <section aria-labelledby="reclamations-titre">
      <h1 id="reclamations-titre" tabIndex={-1}>
        {typeLabel(labels, 'complaint', true)}
      </h1>
      <p className="lead">
        Le registre de {role?.readScope === 'all' ? 'tous les services' : 'votre service'} : chaque demande reçoit une réponse sous{' '}
        {register.data?.meta.deadlineDays ?? 15} jours. Les demandes du formulaire en ligne arrivent sans service : le référent qualité les attribue.
      </p>
      {message && (
        <p className="success" role="status">
          {message}
        </p>
      )}
      {mayEdit && editing === null && (
        <p>
          <button type="button" className="primary" onClick={() => (setMessage(''), setEditing(''))}>
            Enregistrer une demande reçue (courrier, courriel, téléphone, guichet, réseaux sociaux)
          </button>
        </p>
      )}
      {editing !== null && <ComplaintForm documentId={editing || undefined} services={services} onDone={done} />}

      <h2>Registre</h2>
      <div className="toolbar">
        <label htmlFor="registre-etat">Afficher</label>
        <select id="registre-etat" value={state} onChange={(e) => (setState(e.target.value as RegisterState), setPage(1))}>
          {STATES.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
        {services.length > 1 && (
          <>
            <label htmlFor="registre-service">{typeLabel(labels, 'service')}</label>
            <select id="registre-service" value={service} onChange={(e) => (setService(e.target.value), setPage(1))}>
              <option value="">Tous</option>
              {services.map((s) => (
                <option key={s.id} value={String(s.id)}>
                  {s.name}
                </option>
              ))}
            </select>
          </>
        )}
      </div>
      {register.isPending && <Loading />}
      {register.isError && <ErrorMessage error={register.error} />}
      {register.data && (
        <>
          <ScrollRegion label="Registre des réclamations">
            <table>
              <caption>
                {register.data.meta.total} demande{register.data.meta.total > 1 ? 's' : ''} — {STATES.find(([v]) => v === state)?.[1].toLowerCase()}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Référence</th>
                  <th scope="col">{fieldLabel(labels, 'complaint', 'subject')}</th>
                  <th scope="col">{typeLabel(labels, 'service')}</th>
                  <th scope="col">Reçue</th>
                  <th scope="col">Échéance</th>
                  <th scope="col">Délai</th>
                  {mayEdit && <th scope="col">Action</th>}
                </tr>
              </thead>
              <tbody>
                {register.data.data.length === 0 && (
                  <tr>
                    <td colSpan={mayEdit ? 7 : 6}>Aucune demande.</td>
                  </tr>
                )}
                {register.data.data.map((row) => (
                  <tr key={row.documentId} className={row.status === 'overdue' ? 'overdue' : undefined} style={row.status === 'overdue' ? { background: '#fdecea' } : undefined}>
                    <td>{row.reference}</td>
                    <th scope="row">
                      {row.subject}
                      <br />
                      <span className="muted">
                        {choiceLabel(labels, row.kind)} · {choiceLabel(labels, row.channel)}
                      </span>
                    </th>
                    <td>{row.service?.name ?? <em>À attribuer</em>}</td>
                    <td>{formatDate(row.receivedAt)}</td>
                    <td>{formatDate(row.dueDate)}</td>
                    <td>{delay(row)}</td>
                    {mayEdit && (
                      <td>
                        <button type="button" className="link" onClick={() => (setMessage(''), setEditing(row.documentId))}>
                          Mettre à jour<span className="visually-hidden"> la demande {row.reference}</span>
                        </button>
                        {role?.publicReplies && (
                          <>
                            <br />
                            <Link to={`/reclamations/${row.documentId}/reponse-publique`}>
                              Réponse publique<span className="visually-hidden"> à la demande {row.reference}</span>
                            </Link>
                          </>
                        )}
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
          {register.data.meta.total > register.data.meta.pageSize && (
            <div className="toolbar">
              <button type="button" disabled={page === 1} onClick={() => setPage((p) => p - 1)}>
                Page précédente
              </button>
              <span>Page {page}</span>
              <button type="button" disabled={page * register.data.meta.pageSize >= register.data.meta.total} onClick={() => setPage((p) => p + 1)}>
                Page suivante
              </button>
            </div>
          )}
        </>
      )}
      <BilanSection service={service} />
    </section>
  );
}
