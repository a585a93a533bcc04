export function Loading({ label = 'Chargement…' }: { label?: string }) {
  return (
    <p className="loading" role="status" aria-live="polite">
      {label}
    </p>
  );
}

export function ErrorMessage({ error }: { error: Error }) {
  return (
    <p className="error" role="alert">
      {error.message}
    </p>
  );
}
