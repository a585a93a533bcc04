import { deadlineTable, dueDate, type DeadlineRules } from '../../cms/src/complaints/deadline';
import { dayIn } from '../../cms/src/platform/calendar/clock';
import { addCalendarDays, daysBetween, holidaysOf, isWorkingDay } from '../../cms/src/platform/calendar/days';

const calendar: DeadlineRules = { days: 15, counting: 'calendar', extendToNextWorkingDay: false, alsaceMoselle: false };
const calendarExtended: DeadlineRules = { ...calendar, extendToNextWorkingDay: true };
const working: DeadlineRules = { ...calendar, counting: 'working' };
const oneWorkingDay: DeadlineRules = { ...working, days: 1 };

describe('calendar days', () => {
  it('counts 15 days from the day after receipt, weekends included', () => {
    expect(dueDate('2026-03-02', calendar)).toBe('2026-03-17');
    expect(dueDate('2026-03-06', calendar)).toBe('2026-03-21'); // a Saturday, kept as is
  });

  it.each([
    ['2026-03-06', '2026-03-23', 'Saturday → Monday'],
    ['2026-03-22', '2026-04-07', 'Easter Monday 6 April 2026 → Tuesday'],
    ['2026-04-16', '2026-05-04', '1 May 2026 (Friday) → Monday 4'],
    ['2026-04-23', '2026-05-11', '8 May 2026 (Friday) → Monday 11'],
    ['2026-04-29', '2026-05-15', 'Ascension, Thursday 14 May 2026 → Friday'],
    ['2026-05-10', '2026-05-26', 'Pentecost Monday 25 May 2026 → Tuesday'],
    ['2026-06-29', '2026-07-15', '14 July 2026 (Tuesday) → Wednesday'],
    ['2025-07-31', '2025-08-18', '15 August 2025 (Friday) → Monday 18'],
    ['2027-10-17', '2027-11-02', '1 November 2027 (Monday) → Tuesday'],
    ['2026-10-27', '2026-11-12', '11 November 2026 (Wednesday) → Thursday'],
    ['2026-12-10', '2026-12-28', '25 December 2026 (Friday) → Monday 28'],
    ['2026-12-17', '2027-01-04', '1 January 2027 (Friday), over the year boundary → Monday 4'],
  ])('moves a deadline on a closed day to the next working day when configured: %s → %s (%s)', (received, due) => {
    expect(dueDate(received, calendarExtended)).toBe(due);
  });

  it('keeps a deadline on a public holiday when extension is off', () => {
    expect(dueDate('2026-03-22', calendar)).toBe('2026-04-06');
    expect(dueDate('2026-12-17', calendar)).toBe('2027-01-01');
  });

  it('crosses the end of February and of leap years', () => {
    expect(dueDate('2028-02-20', calendar)).toBe('2028-03-06');
    expect(dueDate('2027-02-20', calendar)).toBe('2027-03-07');
    expect(dueDate('2026-12-25', calendar)).toBe('2027-01-09');
  });
});

describe('working days', () => {
  it('skips weekends and Easter Monday (15 working days from Wednesday 1 April 2026)', () => {
    expect(dueDate('2026-04-01', working)).toBe('2026-04-23');
  });

  it('skips 1 May, 8 May, Ascension and Pentecost Monday in the same count', () => {
    // 4,5,6,7 | 11,12,13 | 15 | 18,19,20,21,22 | 26,27 May 2026
    expect(dueDate('2026-04-30', working)).toBe('2026-05-27');
  });

  it('skips 14 July (15 working days from Friday 10 July 2026 end on Monday 3 August)', () => {
    expect(dueDate('2026-07-10', working)).toBe('2026-08-03');
  });

  it.each([
    ['2026-07-10', '2026-07-13', 'Friday → Monday'],
    ['2026-07-13', '2026-07-15', '14 July'],
    ['2025-08-14', '2025-08-18', '15 August (Friday)'],
    ['2027-10-29', '2027-11-02', '1 November (Monday)'],
    ['2026-11-10', '2026-11-12', '11 November'],
    ['2026-12-24', '2026-12-28', '25 December'],
    ['2026-12-31', '2027-01-04', '1 January, next year'],
    ['2026-04-03', '2026-04-07', 'Easter Monday'],
    ['2026-05-13', '2026-05-15', 'Ascension'],
    ['2026-05-22', '2026-05-26', 'Pentecost Monday'],
  ])('one working day after %s is %s (%s)', (received, due) => {
    expect(dueDate(received, oneWorkingDay)).toBe(due);
  });

  it('counts from a weekend receipt as from the next day', () => {
    expect(dueDate('2026-03-07', oneWorkingDay)).toBe('2026-03-09');
    expect(dueDate('2026-03-08', oneWorkingDay)).toBe('2026-03-09');
  });
});

describe('Alsace-Moselle', () => {
  it('adds Good Friday and 26 December', () => {
    expect(isWorkingDay('2026-04-03', working)).toBe(true);
    expect(isWorkingDay('2026-04-03', { alsaceMoselle: true })).toBe(false);
    expect(isWorkingDay('2025-12-26', working)).toBe(true);
    expect(isWorkingDay('2025-12-26', { alsaceMoselle: true })).toBe(false);
    expect(dueDate('2026-03-19', calendarExtended)).toBe('2026-04-03');
    expect(dueDate('2026-03-19', { ...calendarExtended, alsaceMoselle: true })).toBe('2026-04-07');
    expect(dueDate('2025-12-25', { ...oneWorkingDay, alsaceMoselle: true })).toBe('2025-12-29');
  });
});

describe('holidays whatever the server time zone', () => {
  const original = process.env.TZ;
  afterEach(() => {
    process.env.TZ = original;
  });

  it.each(['Europe/Paris', 'UTC', 'America/New_York', 'America/Sao_Paulo', 'Pacific/Auckland', 'Pacific/Kiritimati'])('gives the same dates in %s', (zone) => {
    process.env.TZ = zone;
    const dates = [...holidaysOf(2026, true).keys()].sort();
    expect(dates).toEqual([
      '2026-01-01', '2026-04-03', '2026-04-06', '2026-05-01', '2026-05-08', '2026-05-14', '2026-05-25',
      '2026-07-14', '2026-08-15', '2026-11-01', '2026-11-11', '2026-12-25', '2026-12-26',
    ]);
  });
});

describe('calendar helpers', () => {
  it('adds and subtracts days on dates, not instants', () => {
    expect(addCalendarDays('2026-03-28', 2)).toBe('2026-03-30'); // across the daylight-saving change
    expect(daysBetween('2026-12-30', '2027-01-02')).toBe(3);
    expect(daysBetween('2026-01-10', '2026-01-05')).toBe(-5);
  });

  it('refuses what is not a real date', () => {
    expect(() => dueDate('2026-02-30', calendar)).toThrow(/Date invalide/);
    expect(() => dueDate('30/01/2026', calendar)).toThrow(/AAAA-MM-JJ/);
  });

  it('reads today in the town’s time zone', () => {
    expect(dayIn('Europe/Paris', new Date('2026-06-30T22:30:00Z'))).toBe('2026-07-01');
    expect(dayIn('Europe/Paris', new Date('2026-12-31T22:59:00Z'))).toBe('2026-12-31');
  });

  it('lists every receipt date of a range with its due date', () => {
    const table = deadlineTable('2026-12-30', '2027-01-02', calendarExtended);
    expect(table.received).toEqual(['2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02']);
    expect(table.due).toEqual(['2027-01-14', '2027-01-15', '2027-01-18', '2027-01-18']);
  });
});
