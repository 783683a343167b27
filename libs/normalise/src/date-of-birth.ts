/** A date of birth as far as it was recorded. */
export interface DateParts {
  year: number;
  month: number | null;
  day: number | null;
}

const DATE = /^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?\s*$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * `YYYY-MM-DD`, `YYYY-MM` or `YYYY` as far as it was recorded; null when the
 * value is not a date. A month above 12 with a day that could be a month is
 * read as the day/month swap it almost certainly is.
 */
export function parseDateOfBirth(value: string | null): DateParts | null {
  if (!value) return null;
  const match = DATE.exec(value);
  if (!match) return null;
  const year = Number(match[1]);
  if (year < 1000) return null;
  if (match[2] === undefined) return { year, month: null, day: null };
  let month = Number(match[2]);
  if (match[3] === undefined) {
    return month >= 1 && month <= 12
      ? { year, month, day: null }
      : { year, month: null, day: null };
  }
  let day = Number(match[3]);
  if (month > 12 && day >= 1 && day <= 12) [month, day] = [day, month];
  if (month < 1 || month > 12) return { year, month: null, day: null };
  if (day < 1 || day > daysInMonth(year, month)) return { year, month, day: null };
  return { year, month, day };
}
