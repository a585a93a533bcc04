import { fieldLabel, type EvidenceItem } from '@charte/contract';
import { useId, useState } from 'react';
import { useSession } from '../lib/auth';
import { useEvidence, useEvidenceDetails, usePieceActions } from '../lib/evidence';
import { formatDate, formatDateTime } from '../lib/format';
import { useLabels } from '../lib/labels';

/** An evidence file as the REST API gives it with the fields the page pins (lib/documents.ts). */
export interface EvidenceFile {
  id: number;
  name: string;
  url: string;
  mime?: string | null;
  /** In kilobytes, as Strapi stores it. */
  size?: number | null;
}

const number = (value: number) => value.toLocaleString('fr-FR', { maximumFractionDigits: 1 });

/** « PDF, 240 ko »: what the reader is about to download. */
function describe(file: EvidenceFile): string {
  const extension = /\.([a-z0-9]{1,5})$/i.exec(file.name)?.[1]?.toUpperCase();
  const kind = extension ?? (file.mime?.startsWith('image/') ? 'image' : null);
  const size = typeof file.size === 'number' ? (file.size < 1 ? 'moins de 1 ko' : file.size < 1000 ? `${Math.round(file.size)} ko` : `${number(file.size / 1000)} Mo`) : null;
  return [kind, size].filter(Boolean).join(', ');
}

/** « valable jusqu’au 30 juin 2026 (échue) », « sans date de validité »: what the piece is worth today. */
export function validityText(piece: Pick<EvidenceItem, 'validUntil' | 'status'>, procedure = false): string {
  if (!piece.validUntil) return procedure ? 'sans date de révision' : 'sans date de validité';
  const date = `${procedure ? 'à réviser le' : 'valable jusqu’au'} ${formatDate(piece.validUntil)}`;
  return piece.status === 'expired' ? `${date} (échue)` : piece.status === 'expiring' ? `${date} (à renouveler)` : date;
}

export interface PieceContext {
  type: 'evaluation' | 'roadmap-action' | 'service';
  documentId: string;
  /** The REST collection whose page shows the files (refreshed after a new version). */
  collection?: string;
}

/**
 * One piece's validity, owner and versions, and — for the roles that write pieces — changing its
 * date, taking it over and adding a version. A new version replaces the file on the document; the
 * earlier ones stay listed here, downloadable.
 */
export function PiecePanel({ piece, context, procedure = false }: { piece: EvidenceItem; context: PieceContext; procedure?: boolean }) {
  const session = useSession();
  const writer = session.data?.role.evidenceWriter ?? false;
  const { update, addVersion } = usePieceActions(context.type, context.documentId, context.collection);
  const [date, setDate] = useState(piece.validUntil ?? '');
  const id = useId();
  const older = piece.versions.slice(1);
  const error = update.error ?? addVersion.error;
  return (
    <details className="piece">
      <summary>
        {validityText(piece, procedure)}
        {piece.owner ? ` — responsable : ${piece.owner.name}` : ''}
        {piece.versions.length > 1 ? ` — ${piece.versions.length} versions` : ''}
      </summary>
      {older.length > 0 ? (
        <>
          <p>Versions précédentes :</p>
          <ul>
            {older.map((v) => (
              <li key={v.fileId}>
                <a href={v.url} download={v.name}>
                  {`n° ${v.version} : ${v.name}`}
                </a>{' '}
                <span className="muted">
                  (déposée le {formatDateTime(v.addedAt)}
                  {v.addedBy ? ` par ${v.addedBy}` : ''})
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="muted">Aucune version précédente.</p>
      )}
      {writer && (
        <div className="piece-actions">
          {/* Not a <form>: the panel sits inside the sheet's own form, whose submit would fire too. */}
          <div className="piece-date">
            <label htmlFor={`${id}-date`}>{procedure ? 'Date de révision' : 'Valable jusqu’au'}</label>{' '}
            <input id={`${id}-date`} type="date" value={date} onChange={(e) => setDate(e.target.value)} />{' '}
            <button type="button" onClick={() => update.mutate({ fileId: piece.fileId, changes: { validUntil: date || null } })} disabled={update.isPending}>
              Enregistrer la date
            </button>
          </div>
          {session.data && piece.owner?.id !== session.data.user.id && (
            <p>
              <button type="button" className="link" onClick={() => update.mutate({ fileId: piece.fileId, changes: { owner: session.data!.user.id } })} disabled={update.isPending}>
                M’en déclarer responsable<span className="visually-hidden"> : {piece.title ?? piece.name}</span>
              </button>
            </p>
          )}
          <label htmlFor={`${id}-version`}>Déposer une nouvelle version</label>{' '}
          <input
            id={`${id}-version`}
            type="file"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) addVersion.mutate({ fileId: piece.fileId, file }, { onSettled: () => (e.target.value = '') });
            }}
          />
          <div role="status" aria-live="polite">
            {addVersion.isPending && <p className="loading">Envoi de la nouvelle version…</p>}
            {update.isSuccess && <p className="muted">Enregistré.</p>}
          </div>
          {error && (
            <p className="error" role="alert">
              {error.message}
            </p>
          )}
        </div>
      )}
    </details>
  );
}

/** The files joined to a document; `onRemove` adds a « Retirer » button to each (the draft's form). */
export function EvidenceList({
  files,
  onRemove,
  removing = false,
  context,
}: {
  files: EvidenceFile[];
  onRemove?: (file: EvidenceFile) => void;
  removing?: boolean;
  /** Given, each file shows its validity, owner and versions (GET /api/evidence). */
  context?: PieceContext;
}) {
  const details = useEvidenceDetails(context?.type ?? 'evaluation', context?.documentId ?? '', !!context && files.length > 0);
  const pieces = new Map((details.data?.data ?? []).map((p) => [p.fileId, p]));
  if (files.length === 0) return <p className="muted">Aucune preuve jointe.</p>;
  return (
    <ul className="evidence-files">
      {files.map((file) => {
        const about = describe(file);
        return (
          <li key={file.id}>
            {/* `download` keeps the name the file was sent with, not the stored one. */}
            <a href={file.url} download={file.name}>
              {file.name}
            </a>
            {about && <span className="muted"> ({about})</span>}
            {context && pieces.get(file.id) && <PiecePanel piece={pieces.get(file.id)!} context={context} />}
            {onRemove && (
              <>
                {' '}
                <button type="button" className="link" onClick={() => onRemove(file)} disabled={removing}>
                  Retirer<span className="visually-hidden"> {file.name}</span>
                </button>
              </>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/**
 * The read-only view of the evidence, for whoever reads a sheet that is no longer a draft (or that
 * they may not edit): the head of service and the DGS validate with these files in hand.
 */
export function EvidenceSection({ files, type, documentId, collection }: { files: EvidenceFile[]; type: 'evaluation' | 'roadmap-action'; documentId?: string; collection?: string }) {
  const labels = useLabels();
  return (
    <section aria-labelledby="evidence-title" className="panel">
      <h2 id="evidence-title">{fieldLabel(labels, type, 'evidence')}</h2>
      <EvidenceList files={files} context={documentId ? { type, documentId, collection } : undefined} />
    </section>
  );
}

/** The draft's evidence, in its form: the files joined, « Retirer » on each, and adding more. */
export function EvidenceField({ collection, documentId, files, type }: { collection: string; documentId: string; files: EvidenceFile[]; type: 'evaluation' | 'roadmap-action' }) {
  const labels = useLabels();
  const { add, remove } = useEvidence(collection, documentId, files.map((f) => f.id));
  const inputId = `${type}-evidence-files`;
  return (
    <fieldset className="evidence">
      <legend>{fieldLabel(labels, type, 'evidence')}</legend>
      <EvidenceList files={files} onRemove={(file) => remove.mutate(file.id)} removing={remove.isPending} context={{ type, documentId, collection }} />
      <label htmlFor={inputId}>Ajouter des fichiers (PDF, images, documents)</label>
      <input
        id={inputId}
        type="file"
        multiple
        onChange={(e) => {
          const chosen = [...(e.target.files ?? [])];
          if (chosen.length) add.mutate(chosen, { onSettled: () => (e.target.value = '') });
        }}
      />
      {add.isPending && (
        <p role="status" className="loading">
          Envoi des fichiers…
        </p>
      )}
      {(add.isError || remove.isError) && (
        <p className="error" role="alert">
          {(add.error ?? remove.error)?.message}
        </p>
      )}
    </fieldset>
  );
}
