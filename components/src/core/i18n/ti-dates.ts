import type { DateNames } from '../time.js';

/** Tigrinya day and month names (Gregorian), and CLDR's order of a long date ("ሰሉስ፣ 1 ታሕሳስ 2026"). */
export const tiDates: DateNames = {
  months: ['ጥሪ', 'ለካቲት', 'መጋቢት', 'ሚያዝያ', 'ጉንበት', 'ሰነ', 'ሓምለ', 'ነሓሰ', 'መስከረም', 'ጥቅምቲ', 'ሕዳር', 'ታሕሳስ'],
  weekdays: ['ሰኑይ', 'ሰሉስ', 'ረቡዕ', 'ሓሙስ', 'ዓርቢ', 'ቀዳም', 'ሰንበት'],
  pattern: '{weekday}፣ {day} {month} {year}',
};
