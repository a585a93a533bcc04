import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useBlocker } from 'react-router-dom';

/**
 * While `when` holds, leaving the page asks first: a link or the back button inside the app opens
 * a dialog (react-router's blocker), closing or reloading the tab gets the browser's own warning
 * (beforeunload: browsers show their own text, never ours). `save`, when given, offers to save and go.
 */
export function LeaveGuard({ when, save }: { when: boolean; save?: () => Promise<unknown> }) {
  const blocker = useBlocker(({ currentLocation, nextLocation }) => when && (currentLocation.pathname !== nextLocation.pathname || currentLocation.search !== nextLocation.search));
  const [saving, setSaving] = useState(false);
  const [failed, setFailed] = useState(false);
  const stay = useRef<HTMLButtonElement>(null);
  const blocked = blocker.state === 'blocked';

  useEffect(() => {
    if (!when) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older browsers still ask for this to show their warning.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [when]);

  useEffect(() => {
    if (blocked) stay.current?.focus();
  }, [blocked]);

  if (!blocked) return null;
  const close = () => {
    setFailed(false);
    blocker.reset?.();
  };
  const saveAndGo = async () => {
    if (!save) return;
    setSaving(true);
    setFailed(false);
    try {
      await save();
      blocker.proceed?.();
    } catch {
      setFailed(true);
    } finally {
      setSaving(false);
    }
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') close();
  };

  return (
    <div className="dialog-backdrop">
      <div role="alertdialog" aria-modal="true" aria-labelledby="leave-title" aria-describedby="leave-text" className="dialog" onKeyDown={onKeyDown}>
        <h2 id="leave-title">Modifications non enregistrées</h2>
        <p id="leave-text">Vous avez modifié cette fiche sans l’enregistrer. Si vous quittez la page maintenant, ces modifications seront perdues.</p>
        {failed && (
          <p className="error" role="alert">
            L’enregistrement a échoué : restez sur la page pour voir pourquoi.
          </p>
        )}
        <div className="buttons">
          <button type="button" className="primary" ref={stay} onClick={close}>
            Rester sur la page
          </button>
          {save && (
            <button type="button" className="secondary" onClick={() => void saveAndGo()} disabled={saving}>
              {saving ? 'Enregistrement…' : 'Enregistrer et quitter'}
            </button>
          )}
          <button type="button" className="secondary" onClick={() => blocker.proceed?.()} disabled={saving}>
            Quitter sans enregistrer
          </button>
        </div>
      </div>
    </div>
  );
}
