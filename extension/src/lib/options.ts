import type { RiskReason } from '../../../components/src/bridge/protocol.js';

/**
 * The extension's options, stored in `storage.sync`: where the nurse signs in, which intranet pages
 * may talk to the extension, what makes another window risky to have open while sharing, and whom
 * to call. Pure: validation and defaults, tested in Node.
 */
export interface ExtensionOptions {
  /** Sign-in pages (SITHS): the login helper runs on addresses that start with one of these. */
  readonly signInUrls: readonly string[];
  /** Exact origins of the intranet pages that embed the components: only these get answers. */
  readonly intranetOrigins: readonly string[];
  /** Words that flag a window or tab by its title or address, per reason (case-insensitive). */
  readonly riskPatterns: Readonly<Record<PatternReason, readonly string[]>>;
  readonly supportEmail: string;
  readonly supportPhone: string;
  /** The clinic the nurse asked the login helper to remember (shown in the popup), or ''. */
  readonly clinic: string;
}

/** Reasons set by words; a personnummer is found by its checksum, not by a word. */
export type PatternReason = Exclude<RiskReason, 'personnummer'>;
export const PATTERN_REASONS: readonly PatternReason[] = ['ehr', 'mail', '1177', 'patient-data'];

/** Sensible for a Swedish region: its EHR systems, webmail, 1177's pages; the region fills in the rest. */
export const DEFAULT_OPTIONS: ExtensionOptions = {
  signInUrls: [],
  intranetOrigins: [],
  riskPatterns: {
    ehr: ['Take Care', 'TakeCare', 'Cosmic', 'Melior', 'Millennium', 'NCS Cross', 'PMO', 'Journalia', 'Profdoc', 'Pascal', 'Journal'],
    mail: ['Outlook', 'Inkorg', 'Inbox', 'Gmail', 'Webmail', 'E-post', 'Mail'],
    '1177': ['1177', 'Vårdguiden', 'Journalen'],
    'patient-data': ['Patientöversikt', 'Remiss', 'Provsvar', 'Läkemedelslista', 'NPÖ', 'Tidbok'],
  },
  supportEmail: '',
  supportPhone: '',
  clinic: '',
};

export type OptionsField = 'signInUrls' | 'intranetOrigins' | 'riskPatterns' | 'supportEmail' | 'supportPhone' | 'clinic';
export type OptionsErrorCode = 'not-https' | 'not-origin' | 'not-url' | 'too-many' | 'too-long' | 'email' | 'phone' | 'empty-pattern';
export interface OptionsError {
  readonly field: OptionsField;
  readonly code: OptionsErrorCode;
  /** The offending entry, so the page can say which. */
  readonly value?: string;
}

const MAX_ENTRIES = 20;
const MAX_PATTERNS = 60;
const MAX_TEXT = 200;
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** http: only for this machine (the demo); everything else must be https:. */
const secureEnough = (url: URL): boolean => url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname));

function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

/** The origin `text` names exactly (no path, user, wildcard), or undefined. */
export function exactOrigin(text: string): string | undefined {
  const url = parseUrl(text.trim());
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) return undefined;
  return url.href === `${url.origin}/` && !url.host.includes('*') ? url.origin : undefined;
}

/** Lines of a textarea, trimmed, without empty ones or repeats. */
export const lines = (text: string): string[] => [...new Set(text.split(/\r?\n|,/).map((l) => l.trim()).filter(Boolean))];

type Result = { readonly ok: true; readonly options: ExtensionOptions } | { readonly ok: false; readonly errors: readonly OptionsError[] };

/** The options as given, cleaned (origins normalised, words trimmed), or every error found. */
export function validateOptions(input: ExtensionOptions): Result {
  const errors: OptionsError[] = [];
  const signInUrls: string[] = [];
  if (input.signInUrls.length > MAX_ENTRIES) errors.push({ field: 'signInUrls', code: 'too-many' });
  for (const text of input.signInUrls) {
    const url = parseUrl(text.trim());
    if (!url || url.username || url.password || url.host.includes('*')) errors.push({ field: 'signInUrls', code: 'not-url', value: text });
    else if (!secureEnough(url)) errors.push({ field: 'signInUrls', code: 'not-https', value: text });
    else signInUrls.push(`${url.origin}${url.pathname}`);
  }
  const intranetOrigins: string[] = [];
  if (input.intranetOrigins.length > MAX_ENTRIES) errors.push({ field: 'intranetOrigins', code: 'too-many' });
  for (const text of input.intranetOrigins) {
    const origin = exactOrigin(text);
    if (!origin) errors.push({ field: 'intranetOrigins', code: 'not-origin', value: text });
    else if (!secureEnough(new URL(origin))) errors.push({ field: 'intranetOrigins', code: 'not-https', value: text });
    else intranetOrigins.push(origin);
  }
  const riskPatterns = {} as Record<PatternReason, string[]>;
  for (const reason of PATTERN_REASONS) {
    const words = (input.riskPatterns[reason] as readonly string[] | undefined ?? []).map((w) => w.trim()).filter(Boolean);
    if (words.length > MAX_PATTERNS) errors.push({ field: 'riskPatterns', code: 'too-many', value: reason });
    const long = words.find((w) => w.length > MAX_TEXT);
    if (long) errors.push({ field: 'riskPatterns', code: 'too-long', value: long });
    riskPatterns[reason] = [...new Set(words)];
  }
  const supportEmail = input.supportEmail.trim();
  if (supportEmail && !/^[^\s@<>()]{1,64}@[^\s@<>()]+\.[a-z]{2,}$/i.test(supportEmail)) errors.push({ field: 'supportEmail', code: 'email', value: supportEmail });
  const supportPhone = input.supportPhone.trim();
  if (supportPhone && !/^\+?[\d\s-]{3,20}$/.test(supportPhone)) errors.push({ field: 'supportPhone', code: 'phone', value: supportPhone });
  const clinic = input.clinic.trim();
  if (clinic.length > 100) errors.push({ field: 'clinic', code: 'too-long' });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, options: { signInUrls, intranetOrigins, riskPatterns, supportEmail, supportPhone, clinic } };
}

/**
 * Stored options read back: what is missing or damaged falls back to the defaults, field by field,
 * so an old or hand-edited entry never breaks the extension.
 */
export function readOptions(stored: unknown): ExtensionOptions {
  const s = (typeof stored === 'object' && stored !== null ? stored : {}) as Partial<Record<keyof ExtensionOptions, unknown>>;
  const strings = (v: unknown): string[] | undefined => (Array.isArray(v) && v.every((x) => typeof x === 'string') ? v : undefined);
  const text = (v: unknown): string => (typeof v === 'string' ? v : '');
  const patterns = (typeof s.riskPatterns === 'object' && s.riskPatterns !== null ? s.riskPatterns : {}) as Partial<Record<PatternReason, unknown>>;
  const candidate: ExtensionOptions = {
    signInUrls: strings(s.signInUrls) ?? DEFAULT_OPTIONS.signInUrls,
    intranetOrigins: strings(s.intranetOrigins) ?? DEFAULT_OPTIONS.intranetOrigins,
    riskPatterns: Object.fromEntries(PATTERN_REASONS.map((r) => [r, strings(patterns[r]) ?? DEFAULT_OPTIONS.riskPatterns[r]])) as Record<PatternReason, string[]>,
    supportEmail: text(s.supportEmail),
    supportPhone: text(s.supportPhone),
    clinic: text(s.clinic),
  };
  const checked = validateOptions(candidate);
  return checked.ok ? checked.options : DEFAULT_OPTIONS;
}

/**
 * Host match patterns for these origins and sign-in pages: scheme and host, any port and path (a
 * match pattern cannot name a port in every browser). The content scripts check the exact origin.
 */
export function hostPatterns(options: Pick<ExtensionOptions, 'intranetOrigins' | 'signInUrls'>): string[] {
  const hosts = [...options.intranetOrigins, ...options.signInUrls].map((u) => {
    const url = new URL(u);
    return `${url.protocol}//${url.hostname}/*`;
  });
  return [...new Set(hosts)];
}

/** Whether `url` is one of the configured sign-in pages (same origin, path starting with its path). */
export function isSignInPage(url: string, signInUrls: readonly string[]): boolean {
  const page = parseUrl(url);
  if (!page) return false;
  return signInUrls.some((s) => {
    const sign = parseUrl(s);
    return sign?.origin === page.origin && page.pathname.startsWith(sign.pathname);
  });
}

/** Whether `url` lies on one of the configured intranet origins, exactly. */
export function isIntranetPage(url: string | undefined, origins: readonly string[]): boolean {
  const page = url ? parseUrl(url) : undefined;
  return page !== undefined && origins.includes(page.origin);
}
