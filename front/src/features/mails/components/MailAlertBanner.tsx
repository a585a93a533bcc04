import { useMailStatus } from '../api/mail-status';

/** A narrow screen must not leave « 2 » at the end of a line and « h » on the next, nor a guillemet alone. */
const NBSP = '\u00a0';

/** « 45 min », « 2 h », « 3 jours »: how long, rounded down to the unit a reader takes in at a glance. */
export function formatLasting(minutes: number): string {
  if (minutes < 60) return `${Math.max(1, minutes)}${NBSP}min`;
  if (minutes < 48 * 60) return `${Math.floor(minutes / 60)}${NBSP}h`;
  return `${Math.floor(minutes / (24 * 60))}${NBSP}jours`;
}

/**
 * Mails that stopped leaving reach a person: the référent qualité and the DGS (mailAlertReaders)
 * see it on every page, with counts only; the list itself is in the admin panel.
 */
export function MailAlertBanner({ enabled }: { enabled: boolean }) {
  const status = useMailStatus(enabled);
  const data = status.data;
  if (!enabled || !data?.alert) return null;
  return (
    <div className="alert-banner" role="alert">
      <p>
        <strong>Des courriels ne partent plus depuis {formatLasting(data.failingForMinutes ?? 0)}</strong> ({data.failing} en échec). Prévenez le service
        informatique : la liste est dans l’administration, rubrique «{NBSP}Courriels{NBSP}».
      </p>
    </div>
  );
}
