import type { Knex } from 'knex';

/** Statuses after which an action can no longer be late, whatever its due date. */
export const FINISHED_STATUSES = ['abouti', 'abandonne'] as const;

/**
 * THE rule of a late action, used by the roadmap page, its export and the weekly mail alike:
 * its due date is before today (in the town's time zone) and it is neither done nor abandoned.
 * An action without a due date is never late. `alias` is the roadmap_actions table's alias.
 */
export function lateCondition(knex: Knex, alias: string, today: string): Knex.Raw {
  return knex.raw(`(??.due_date is not null and ??.due_date < ?::date and ??.action_status not in (${FINISHED_STATUSES.map(() => '?').join(', ')}))`, [
    alias,
    alias,
    today,
    alias,
    ...FINISHED_STATUSES,
  ]);
}
