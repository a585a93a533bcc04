/**
 * The end of a document's form: what went wrong, « Modifications enregistrées » once saved, and the
 * button that saves (« Enregistrer ») or creates (its own words, e.g. « Créer l’action »).
 */
export function SaveFooter({ error, saved, pending, creating }: { error?: string | null; saved: boolean; pending: boolean; creating?: string }) {
  return (
    <>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {saved && (
        <p className="success" role="status">
          Modifications enregistrées.
        </p>
      )}
      <button type="submit" className="primary" disabled={pending}>
        {pending ? 'Enregistrement…' : (creating ?? 'Enregistrer')}
      </button>
    </>
  );
}
