import { addCalendarDays, isWorkingDay, type IsoDate } from '../platform/calendar/days';

/** How the answer to a complaint is due (config/complaints.yaml). */
export interface DeadlineRules {
  days: number;
  /** calendar: every day counts; working: only Monday–Friday days that are not public holidays. */
  counting: 'calendar' | 'working';
  /** A calendar deadline falling on a closed day moves to the next working day. */
  extendToNextWorkingDay: boolean;
  /** Adds Good Friday and 26 December (local law of Alsace-Moselle). */
  alsaceMoselle: boolean;
}

/**
 * The last day on which an answer is still in time for a request received on `receivedAt`.
 * Counting starts the day after receipt.
 */
export function dueDate(receivedAt: IsoDate, rules: DeadlineRules): IsoDate {
  if (rules.counting === 'calendar') {
    let due = addCalendarDays(receivedAt, rules.days);
    if (rules.extendToNextWorkingDay) while (!isWorkingDay(due, rules)) due = addCalendarDays(due, 1);
    return due;
  }
  let due = receivedAt;
  for (let counted = 0; counted < rules.days; ) {
    due = addCalendarDays(due, 1);
    if (isWorkingDay(due, rules)) counted += 1;
  }
  return due;
}

/** Every receipt date from `from` to `to` (inclusive) with its due date: the table SQL joins on. */
export function deadlineTable(from: IsoDate, to: IsoDate, rules: DeadlineRules): { received: IsoDate[]; due: IsoDate[] } {
  const received: IsoDate[] = [];
  const due: IsoDate[] = [];
  for (let day = from; day <= to; day = addCalendarDays(day, 1)) {
    received.push(day);
    due.push(dueDate(day, rules));
  }
  return { received, due };
}
