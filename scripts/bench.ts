// `npm run bench`: one JSON line per figure, { name, value, unit, runs, floor?, ratio? }.
// `floor` is the same work done by the bare underlying technique in the same run, so the ratio
// stays meaningful on a noisy machine. Benchmarks are never tests: nothing here fails on time.
import { luhnCheckDigit, parsePersonnummer } from '../components/src/core/index.js';

interface Figure {
  name: string;
  value: number;
  unit: string;
  runs: number;
  floor?: number;
  ratio?: number;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};
const round = (x: number): number => Math.round(x * 100) / 100;

/** Median wall time of `runs` timed runs after `warmup` untimed ones (JIT settles first). */
function time(fn: () => unknown, runs: number, warmup = 3): number {
  for (let i = 0; i < warmup; i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  return median(samples);
}

function emit(figure: Figure): void {
  console.log(JSON.stringify(figure));
}

function corePersonnummer(): void {
  // 100,000 valid numbers in the forms nurses type: 12 digits, 10 with '-', '+', and spaces.
  const inputs: string[] = [];
  const digits: string[] = [];
  for (let i = 0; inputs.length < 100_000; i++) {
    const year = 1920 + (i % 100);
    const month = 1 + (i % 12);
    const day = 1 + (i % 28);
    const serial = 1 + (i % 999);
    const nine = `${String(year).slice(2)}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}${String(serial).padStart(3, '0')}`;
    const check = luhnCheckDigit(nine);
    const forms = [`${String(year).slice(0, 2)}${nine}${check}`, `${nine.slice(0, 6)}-${nine.slice(6)}${check}`, `${String(year).slice(0, 2)}${nine.slice(0, 6)} ${nine.slice(6)}${check}`];
    inputs.push(forms[i % forms.length] ?? '');
    digits.push(nine + String(check));
  }
  const now = new Date('2026-11-25T12:00:00Z');
  let sink = 0;
  const runs = 7;
  const value = time(() => {
    for (const input of inputs) if (parsePersonnummer(input, now).ok) sink++;
  }, runs);
  // The floor: a bare Luhn check over the same numbers' digits, nothing else.
  const floor = time(() => {
    for (const d of digits) if (luhnCheckDigit(d.slice(0, 9)) === d.charCodeAt(9) - 48) sink++;
  }, runs);
  if (sink === 0) throw new Error('benchmark did no work');
  emit({ name: 'core-parse-100k', value: round(value), unit: 'ms', runs, floor: round(floor), ratio: round(value / floor) });
}

corePersonnummer();
