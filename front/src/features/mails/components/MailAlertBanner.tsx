import { useMailStatus } from '../api/mail-status';

/** « 45 min », « 2 h », « 3 jours »: how long, rounded down to the unit a reader takes in at a glance. */
export function formatLasting(minutes: number): string {
  if (minutes < 60) return `${Math.max(1, minutes)} min`;
  if (minutes < 48 * 60) return `${Math.floor(minutes / 60)} h`;
  return `${Math.floor(minutes / (24 * 60))} jours`;
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
        informatique : la liste est dans l’administration, rubrique « Courriels ».
      </p>
    </div>
  );
}
