/** Calendar days (YYYY-MM-DD) as day numbers, so that the time line never shifts with a time zone. */
export const dayNumber = (day: string) => Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / 86_400_000;

const month = new Intl.DateTimeFormat('fr-FR', { month: 'short', year: 'numeric', timeZone: 'UTC' });

export interface Month {
  start: number;
  end: number;
  label: string;
}

/** The months covering [from, to] (day numbers), each with its first day and the next month's. */
export function monthsBetween(from: number, to: number): Month[] {
  const first = new Date(from * 86_400_000);
  const months: Month[] = [];
  for (let y = first.getUTCFullYear(), m = first.getUTCMonth(); ; m += 1) {
    const start = Date.UTC(y, m, 1) / 86_400_000;
    if (start > to) break;
    const end = Date.UTC(y, m + 1, 1) / 86_400_000;
    months.push({ start, end, label: month.format(new Date(start * 86_400_000)) });
  }
  return months;
}
