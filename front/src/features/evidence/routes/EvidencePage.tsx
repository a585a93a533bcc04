import { typeLabel, type ExpiringEvidence } from '@charte/contract';
import { Link } from 'react-router-dom';
import { validityText } from '../../../components/Evidence';
import { ErrorMessage, Loading } from '../../../components/Loading';
import { useTitleFocus } from '../../../hooks/useTitleFocus';
import { useExpiringEvidence } from '../../../lib/evidence';
import { useLabels } from '../../../lib/labels';

type Piece = ExpiringEvidence['data'][number];

/** Where the piece is renewed: its sheet, or the service page for a procedure. */
function whereTo(piece: Piece): string | null {
  if (piece.kind === 'evaluation') return `/a-traiter/evaluations/${piece.document.documentId}`;
  if (piece.kind === 'roadmap-action') return `/a-traiter/roadmap-actions/${piece.document.documentId}`;
  return piece.service ? `/services/${piece.service.slug}#procedures-title` : null;
}

/**
 * « Pièces à renouveler »: the pieces of evidence and procedures past their date or soon past it —
 * every service's for the référent qualité, one's own for their owner (the reminder mail links here).
 */
export default function EvidencePage() {
  const expiring = useExpiringEvidence();
  const labels = useLabels();
  // A procedure hangs on its service; other pieces on a sheet of their type.
  const kind = (piece: Piece) => (piece.kind === 'service' ? 'Procédure' : typeLabel(labels, piece.kind));
  useTitleFocus(!expiring.isPending);
  return (
    <section aria-labelledby="evidence-page-title">
      <h1 id="evidence-page-title" tabIndex={-1}>
        Pièces à renouveler
      </h1>
      {expiring.isPending && <Loading label="Recherche des pièces échues…" />}
      {expiring.isError && <ErrorMessage error={expiring.error} />}
      {expiring.data && (
        <>
          <p className="lead">
            {expiring.data.meta.scope === 'all' ? 'Les pièces justificatives et procédures de tous les services' : 'Les pièces dont vous êtes responsable'} échues ou qui
            le seront dans les {expiring.data.meta.withinDays} jours. Déposez une nouvelle version depuis la fiche (l’ancienne reste dans l’historique) ou changez sa
            date.
          </p>
          {expiring.data.data.length === 0 ? (
            <p>Aucune pièce à renouveler.</p>
          ) : (
            <div className="table-scroll">
              <table>
                <caption className="visually-hidden">Pièces échues ou à renouveler, de la plus ancienne échéance à la plus lointaine</caption>
                <thead>
                  <tr>
                    <th scope="col">Pièce</th>
                    <th scope="col">Rattachée à</th>
                    <th scope="col">{typeLabel(labels, 'service')}</th>
                    <th scope="col">Responsable</th>
                    <th scope="col">Validité</th>
                  </tr>
                </thead>
                <tbody>
                  {expiring.data.data.map((piece) => {
                    const to = whereTo(piece);
                    return (
                      <tr key={piece.fileId}>
                        <td>
                          <a href={piece.url} download={piece.name}>
                            {piece.title ?? piece.name}
                          </a>
                        </td>
                        <td>
                          {kind(piece)}
                          {piece.kind !== 'service' && (
                            <>
                              {' : '}
                              {to ? <Link to={to}>{piece.document.label}</Link> : piece.document.label}
                            </>
                          )}
                          {piece.kind === 'service' && to && (
                            <>
                              {' '}
                              (<Link to={to}>voir le service</Link>)
                            </>
                          )}
                        </td>
                        <td>{piece.service?.name ?? '—'}</td>
                        <td>{piece.owner ?? <span className="muted">aucun</span>}</td>
                        <td>
                          <span className={`badge ${piece.status === 'expired' ? 'target-missed' : 'state-submitted'}`}>{piece.status === 'expired' ? 'échue' : 'à renouveler'}</span>{' '}
                          {validityText(piece, piece.kind === 'service')}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}
