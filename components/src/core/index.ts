/**
 * The domain core: pure TypeScript, no DOM and no Lit, importable in Node and in the browser.
 * Elements are thin views over these rules.
 */
export * from './booking.js';
export * from './calendar.js';
export * from './calendar-layout.js';
export * from './config.js';
export * from './date-locales.js';
export * from './ehr-note.js';
export * from './i18n.js';
export { domainText, domainTexts, type DomainKey } from './i18n/domain.js';
export * from './identity-nonce.js';
export * from './holidays.js';
export * from './invite.js';
export * from './opening-hours.js';
export * from './personal-data.js';
export * from './personnummer.js';
export * from './phone.js';
export * from './result.js';
export * from './sms.js';
export * from './sms-code.js';
export * from './star-profile.js';
export * from './time.js';
export * from './tokens.js';
export * from './knock-proof.js';
export * from './text-safety.js';
export * from './pdf-image.js';
export { loadLocale } from './i18n/load.js';
