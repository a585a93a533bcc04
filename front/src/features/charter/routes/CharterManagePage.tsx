import { choiceLabel, typeLabel } from '@charte/contract';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { ErrorMessage, Loading } from '../../../components/Loading';
import { useTitleFocus } from '../../../hooks/useTitleFocus';
import { useSession } from '../../../lib/auth';
import { useLabels } from '../../../lib/labels';
import { useDefinitions } from '../../../lib/workflow-definitions';
import { useApproveCharter, useCharterPrinciples, useCurrentCharter, type StaffPrinciple } from '../api/charter';
import './charter-manage.css';

/** The principles' order as the charter prints them, and the order a new one would take. */
export const nextOrderOf = (principles: { order: number }[]) => (principles.length ? Math.max(...principles.map((p) => p.order)) + 10 : 10);

function PrincipleText({ principle }: { principle: { title: string; text: string; commitment: string | null } }) {
  return (
    <>
      <h4>{principle.title}</h4>
      <p>{principle.text}</p>
      {principle.commitment && (
        <p className="commitment">
          <strong>Notre engagement :</strong> {principle.commitment}
        </p>
      )}
    </>
  );
}

/**
 * The DGS's decision: the submitted principles beside the charter in force, and one button that
 * approves them all and publishes one version. The principles sent are those read on screen: the
 * server refuses (409) if the list changed meanwhile.
 */
function ApprovalPanel({ principles }: { principles: StaffPrinciple[] }) {
  const current = useCurrentCharter();
  const approve = useApproveCharter();
  const [comment, setComment] = useState('');
  const [done, setDone] = useState<number | null>(null);
  const submitted = principles.filter((p) => p.workflowState === 'submitted');
  const approved = principles.filter((p) => p.workflowState === 'approved');
  const published = current.data?.data;
  const key = (list: { title: string; text: string; commitment: string | null }[]) => JSON.stringify(list.map((p) => [p.title, p.text, p.commitment ?? null]));
  // Nothing submitted, but a principle was reopened since the last version: approving publishes the charter without it.
  const withdrawn = !submitted.length && published !== undefined && key(approved) !== key(published?.principles ?? []);
  const next = [...approved, ...submitted].sort((a, b) => a.order - b.order);

  const decide = (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    approve.mutate(
      { documents: submitted.map((p) => p.documentId), ...(comment.trim() ? { comment: comment.trim() } : {}) },
      {
        onSuccess: (result) => {
          setDone(result.version);
          setComment('');
        },
      },
    );
  };

  return (
    <section aria-labelledby="approval-title" className="panel">
      <h2 id="approval-title">Approuver la charte</h2>
      <p>
        La charte s’approuve en entier : une seule décision approuve tous les principes soumis et publie une nouvelle version, signée de votre nom, qui
        contient tous les principes approuvés.
      </p>
      {done !== null && (
        <p className="success" role="status">
          Charte approuvée : la version {done} est publiée. <Link to="/charte">Lire la charte publiée</Link>
        </p>
      )}
      <div className="charter-compare">
        <div>
          <h3>
            À approuver ({submitted.length} principe{submitted.length > 1 ? 's' : ''} soumis)
          </h3>
          {submitted.length === 0 && <p className="muted">Aucun principe soumis.</p>}
          <ol className="principles">
            {submitted.map((p) => (
              <li key={p.documentId}>
                <PrincipleText principle={p} />
                <p>
                  <Link to={`/a-traiter/charter-principles/${p.documentId}`}>Ouvrir le principe (renvoyer au référent)</Link>
                </p>
              </li>
            ))}
          </ol>
        </div>
        <div>
          <h3>Charte publiée</h3>
          {current.isPending && <Loading />}
          {current.isError && <ErrorMessage error={current.error} />}
          {published === null && <p className="muted">Aucune version publiée.</p>}
          {published && (
            <>
              <p className="muted">{published.label}</p>
              <ol className="principles">
                {published.principles.map((p, i) => (
                  <li key={`${i}-${p.title}`}>
                    <PrincipleText principle={p} />
                  </li>
                ))}
              </ol>
            </>
          )}
        </div>
      </div>
      {(submitted.length > 0 || withdrawn) && (
        <form onSubmit={decide} className="comment-form">
          <p>
            La version publiée contiendra {next.length} principe{next.length > 1 ? 's' : ''} :{' '}
            {next.map((p) => `« ${p.title} »`).join(', ')}.
            {withdrawn && ' Un principe rouvert depuis la dernière version en sera retiré.'}
          </p>
          <div className="field">
            <label htmlFor="approval-comment">Commentaire (facultatif, interne : il n’est pas publié)</label>
            <textarea id="approval-comment" rows={3} maxLength={5000} value={comment} onChange={(e) => setComment(e.target.value)} />
          </div>
          {approve.isError && (
            <p className="error" role="alert">
              {approve.error.message}
            </p>
          )}
          <button type="submit" className="primary" disabled={approve.isPending}>
            {approve.isPending ? 'Approbation…' : 'Approuver la charte'}
          </button>
        </form>
      )}
    </section>
  );
}

/**
 * « Gérer la charte »: every principle and its state; the référent qualité drafts and submits
 * them, the DGS approves the charter as a whole. Who does what comes from config/workflows.yaml
 * (GET /api/workflow/definitions), not from this page.
 */
export function CharterManagePage() {
  const labels = useLabels();
  const session = useSession();
  const definitions = useDefinitions();
  const principles = useCharterPrinciples();
  useTitleFocus(!principles.isPending);
  const definition = definitions.data?.workflows.find((w) => w.collection === 'charter-principles');
  const role = session.data?.role.type ?? '';
  const writes = Boolean(definition?.transitions.some((t) => t.from === definition.initial && !t.together && role in t.by));
  const decides = Boolean(definition?.transitions.some((t) => t.together && role in t.by));
  const list = principles.data ?? [];

  return (
    <article aria-labelledby="manage-title">
      <p className="breadcrumb">
        <Link to="/charte">La charte</Link> › Gérer la charte
      </p>
      <h1 id="manage-title" tabIndex={-1}>
        Gérer la charte
      </h1>
      <p className="lead">
        Le référent qualité rédige les principes et les soumet ; le DGS approuve la charte en entier, ce qui publie une nouvelle version sur la page publique.
      </p>
      <p className="notice" role="note">
        Rouvrir un principe approuvé le remet en brouillon : la charte publiée ne change pas tout de suite. Il en sera retiré à la prochaine approbation de la
        charte, sauf s’il a été de nouveau soumis et approuvé d’ici là.
      </p>
      {writes && (
        <p>
          <Link className="button primary" to="/charte/principes/nouveau">
            Nouveau principe
          </Link>
        </p>
      )}
      {principles.isPending && <Loading />}
      {principles.isError && <ErrorMessage error={principles.error} />}
      {principles.data && decides && <ApprovalPanel principles={list} />}
      {principles.data && (
        <section aria-labelledby="principles-title" className="panel">
          <h2 id="principles-title">{typeLabel(labels, 'charter-principle', true)}</h2>
          {list.length === 0 && <p className="muted">Aucun principe pour l’instant.</p>}
          <ul className="principle-list">
            {list.map((p) => (
              <li key={p.documentId}>
                <span className="muted">{p.order}</span> <Link to={`/a-traiter/charter-principles/${p.documentId}`}>{p.title}</Link>{' '}
                <span className={`badge state-${p.workflowState}`}>{choiceLabel(labels, p.workflowState)}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}

export default CharterManagePage;
