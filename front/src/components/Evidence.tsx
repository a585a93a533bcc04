import { fieldLabel } from '@charte/contract';
import { useEvidence } from '../lib/evidence';
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

/** The files joined to a document; `onRemove` adds a « Retirer » button to each (the draft's form). */
export function EvidenceList({ files, onRemove, removing = false }: { files: EvidenceFile[]; onRemove?: (file: EvidenceFile) => void; removing?: boolean }) {
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
export function EvidenceSection({ files, type }: { files: EvidenceFile[]; type: 'evaluation' | 'roadmap-action' }) {
  const labels = useLabels();
  return (
    <section aria-labelledby="evidence-title" className="panel">
      <h2 id="evidence-title">{fieldLabel(labels, type, 'evidence')}</h2>
      <EvidenceList files={files} />
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
      <EvidenceList files={files} onRemove={(file) => remove.mutate(file.id)} removing={remove.isPending} />
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
