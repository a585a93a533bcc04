/**
 * Importing this module registers every scheduled job's code (each feature calls
 * registerScheduledJob at load). One import line per feature.
 */
export {};
import '../roadmap/late-actions-mail';
import '../complaints/reminders';
import '../indicators/reminders';
import '../evidence/expiry';
import '../recurring-campaigns/recurring-campaigns';
import '../platform/backups/scheduled-backup';
