import { useId, useState, type FormEvent } from 'react';
import { PiecePanel } from '../../../components/Evidence';
import { ErrorMessage, Loading } from '../../../components/Loading';
import { useSession } from '../../../lib/auth';
import { useEvidenceDetails, usePieceActions } from '../../../lib/evidence';

/**
 * A service's « procédures »: documents with a review date, reminded to their owner like the
 * evidence of the sheets, with their versions. The roles that write pieces add one here.
 */
export function ProceduresSection({ serviceDocumentId }: { serviceDocumentId: string }) {
  const procedures = useEvidenceDetails('service', serviceDocumentId);
  const { addProcedure } = usePieceActions('service', serviceDocumentId);
  const session = useSession();
  const [title, setTitle] = useState('');
  const [validUntil, setValidUntil] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [formKey, setFormKey] = useState(0);
  const id = useId();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    addProcedure.mutate(
      { title, validUntil, file },
      {
        onSuccess: () => {
          setTitle('');
          setValidUntil('');
          setFile(null);
          setFormKey((k) => k + 1);
        },
      },
    );
  };
  return (
    <section aria-labelledby="procedures-title" className="panel">
      <h2 id="procedures-title">Procédures</h2>
      {procedures.isPending && <Loading />}
      {procedures.isError && <ErrorMessage error={procedures.error} />}
      {procedures.data &&
        (procedures.data.data.length === 0 ? (
          <p className="muted">Aucune procédure jointe à ce service.</p>
        ) : (
          <ul className="evidence-files">
            {procedures.data.data.map((p) => (
              <li key={p.fileId}>
                <a href={p.url} download={p.name}>
                  {p.title ?? p.name}
                </a>
                <PiecePanel piece={p} context={{ type: 'service', documentId: serviceDocumentId }} procedure />
              </li>
            ))}
          </ul>
        ))}
      {session.data?.role.evidenceWriter && (
        <form key={formKey} onSubmit={submit} className="procedure-form">
          <h3>Joindre une procédure</h3>
          <p>
            <label htmlFor={`${id}-title`}>Intitulé</label>
            <input id={`${id}-title`} value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={200} />
          </p>
          <p>
            <label htmlFor={`${id}-date`}>Date de révision</label>
            <input id={`${id}-date`} type="date" value={validUntil} onChange={(e) => setValidUntil(e.target.value)} required />
          </p>
          <p>
            <label htmlFor={`${id}-file`}>Fichier</label>
            <input id={`${id}-file`} type="file" onChange={(e) => setFile(e.target.files?.[0] ?? null)} required />
          </p>
          <button type="submit" disabled={addProcedure.isPending}>
            {addProcedure.isPending ? 'Envoi…' : 'Joindre la procédure'}
          </button>
          {addProcedure.isError && <ErrorMessage error={addProcedure.error} />}
        </form>
      )}
    </section>
  );
}
