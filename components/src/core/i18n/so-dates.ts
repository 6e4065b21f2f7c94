import type { DateNames } from '../time.js';

/** Somali day and month names, and CLDR's order of a long date ("Talaado, Diseembar 1, 2026"). */
export const soDates: DateNames = {
  months: ['Janaayo', 'Febraayo', 'Maarso', 'Abriil', 'Maayo', 'Juun', 'Luulyo', 'Agosto', 'Sebtembar', 'Oktoobar', 'Noofeembar', 'Diseembar'],
  weekdays: ['Isniin', 'Talaado', 'Arbaco', 'Khamiis', 'Jimco', 'Sabti', 'Axad'],
  pattern: '{weekday}, {month} {day}, {year}',
};
