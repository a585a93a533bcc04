import type { InboxItem } from '@charte/contract';
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { countOf } from '../../../lib/format';

interface Props {
  actionLabel: string;
  items: InboxItem[];
  busy: boolean;
  onConfirm(): void;
  onCancel(): void;
}

/**
 * The confirmation of a batch action: the titles of every selected document, so that the user
 * approves what they have seen, nothing more. Escape or « Annuler » closes it; the focus starts on
 * « Annuler » (the safe choice) and stays inside.
 */
export function BatchDialog({ actionLabel, items, busy, onConfirm, onCancel }: Props) {
  const cancel = useRef<HTMLButtonElement>(null);
  const dialog = useRef<HTMLDivElement>(null);
  useEffect(() => cancel.current?.focus(), []);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && !busy) onCancel();
    if (event.key !== 'Tab' || !dialog.current) return;
    // Tab goes round the dialog's own buttons.
    const focusable = [...dialog.current.querySelectorAll<HTMLElement>('button:not(:disabled)')];
    if (!focusable.length) return;
    const [first, last] = [focusable[0], focusable[focusable.length - 1]];
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  return (
    <div className="dialog-backdrop">
      <div ref={dialog} role="dialog" aria-modal="true" aria-labelledby="batch-title" aria-describedby="batch-text" className="dialog batch-dialog" onKeyDown={onKeyDown}>
        <h2 id="batch-title">{`${actionLabel} ${countOf(items.length, 'document')}\u00a0?`}</h2>
        <p id="batch-text">
          {`Chacun passe par le circuit comme si vous cliquiez sur «\u00a0${actionLabel}\u00a0» depuis sa page\u00a0: son historique est complété et les courriels prévus partent. Un document déjà traité entre-temps est signalé, les autres sont faits.`}
        </p>
        <ul className="batch-titles">
          {items.map((item) => (
            <li key={`${item.collection}/${item.documentId}`}>
              {item.title}{' '}
              <span className="muted">
                ({item.type}
                {item.service ? `, ${item.service.name}` : ''})
              </span>
            </li>
          ))}
        </ul>
        <div className="buttons">
          <button type="button" className="primary" disabled={busy} onClick={onConfirm}>
            {`Confirmer\u00a0: ${actionLabel} (${items.length})`}
          </button>
          <button ref={cancel} type="button" className="secondary" disabled={busy} onClick={onCancel}>
            Annuler
          </button>
        </div>
      </div>
    </div>
  );
}
