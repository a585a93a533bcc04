import type { RoadmapGroup } from '@charte/contract';
import { dayNumber, monthsBetween } from './dates';
import type { Scale } from './RoadmapTimeline';

/** Whole months from the earliest start to the latest due date, today included. */
export function timelineScale(groups: RoadmapGroup[], today: string): Scale {
  const days = [dayNumber(today)];
  for (const g of groups) for (const a of g.actions) for (const d of [a.startDate, a.dueDate]) if (d) days.push(dayNumber(d));
  const months = monthsBetween(Math.min(...days), Math.max(...days));
  return { from: months[0].start, to: months[months.length - 1].end, months, today: dayNumber(today) };
}
