import type { Locale, Messages, NeedsReview, UiLocale } from '../i18n.js';

/**
 * The SMS texts, apart from the catalogues: only the nurse's side sends them (the patient's bundle
 * carries none), and it needs every invitation language at once, without loading anything.
 *
 * Every rendered text stays within three SMS parts with a long clinic name and a long link
 * (`sms.test.ts` measures each one). Latin-script texts are kept to the GSM alphabet (no ’ or –),
 * which gives a part 153 characters; Arabic, Persian and Tigrinya are UCS-2, 67 to a part, so
 * their texts say only what the patient needs: who, when, how to sign in, and the link.
 * Nothing about the person: see `VisitSmsInput` in `../sms.ts`.
 */
const sv = {
  'sms.invite':
    'Hej! Du är bokad för ett videobesök hos {clinic} {date} kl. {time}-{end}. ' +
    'Öppna länken en stund före besöket och logga in med BankID eller Freja eID: {link} ' +
    'Det går bra med dator, mobil eller surfplatta.',
  'sms.update':
    'Ditt videobesök hos {clinic} är ändrat till {date} kl. {time}-{end}. Länken är densamma: {link}',
  'sms.cancel': 'Ditt videobesök hos {clinic} {date} kl. {time} är avbokat.',
  'sms.cancel.phone': 'Ditt videobesök hos {clinic} {date} kl. {time} är avbokat. Frågor? Ring {phone}.',
} as const;

export type SmsKey = keyof typeof sv;

/** What the patient gets, in the language of the invitation. */
export const smsTexts: Readonly<Record<UiLocale, Messages<typeof sv>>> = {
  sv,
  en: {
    'sms.invite':
      'Hello! You are booked for a video visit with {clinic} on {date} at {time}-{end}. ' +
      'Open the link a little before the visit and sign in with BankID or Freja eID: {link} ' +
      'A computer, phone or tablet all work.',
    'sms.update': 'Your video visit with {clinic} has moved to {date} at {time}-{end}. The link is the same: {link}',
    'sms.cancel': 'Your video visit with {clinic} on {date} at {time} has been cancelled.',
    'sms.cancel.phone': 'Your video visit with {clinic} on {date} at {time} has been cancelled. Questions? Call {phone}.',
  },
  ar: {
    'sms.invite': 'موعد فيديو مع {clinic} {date} {time}-{end}. ادخل بـBankID أو Freja eID: {link}',
    'sms.update': 'تغيّر موعد الفيديو مع {clinic} إلى {date} {time}-{end}. الرابط نفسه: {link}',
    'sms.cancel': 'أُلغي موعد الفيديو مع {clinic} {date} الساعة {time}.',
    'sms.cancel.phone': 'أُلغي موعد الفيديو مع {clinic} {date} الساعة {time}. للاستفسار اتصل بالرقم {phone}.',
  },
  fa: {
    'sms.invite': 'وقت ویدیویی در {clinic} {date}، {time}-{end}. ورود با BankID یا Freja eID: {link}',
    'sms.update': 'وقت ویدیویی در {clinic} به {date}، {time}-{end} تغییر کرد. همان لینک: {link}',
    'sms.cancel': 'وقت ویدیویی شما در {clinic} {date} ساعت {time} لغو شد.',
    'sms.cancel.phone': 'وقت ویدیویی شما در {clinic} {date} ساعت {time} لغو شد. سؤالی دارید؟ با {phone} تماس بگیرید.',
  },
  fi: {
    'sms.invite':
      'Hei! Sinulle on varattu videovastaanotto: {clinic} {date} klo {time}-{end}. ' +
      'Avaa linkki vähän ennen vastaanottoa ja kirjaudu BankID:llä tai Freja eID:llä: {link} ' +
      'Tietokone, puhelin tai tabletti käy.',
    'sms.update': 'Videovastaanottosi ({clinic}) on siirretty: {date} klo {time}-{end}. Linkki on sama: {link}',
    'sms.cancel': 'Videovastaanottosi ({clinic}) {date} klo {time} on peruttu.',
    'sms.cancel.phone': 'Videovastaanottosi ({clinic}) {date} klo {time} on peruttu. Kysyttävää? Soita {phone}.',
  },
  so: {
    'sms.invite':
      'Salaan! Waxaa laguu qabtay ballan fiidiyow ah: {clinic} {date} saacadda {time}-{end}. ' +
      'Fur linkiga wax yar ka hor ballanta oo ku gal BankID ama Freja eID: {link} ' +
      'Waxaad isticmaali kartaa kombiyuutar, taleefan ama tablet.',
    'sms.update': 'Ballantaada fiidiyowga ({clinic}) waxaa loo beddelay {date} saacadda {time}-{end}. Linkigu waa isku mid: {link}',
    'sms.cancel': 'Ballantaada fiidiyowga ({clinic}) {date} saacadda {time} waa la joojiyay.',
    'sms.cancel.phone': "Ballantaada fiidiyowga ({clinic}) {date} saacadda {time} waa la joojiyay. Su'aalo? Wac {phone}.",
  },
  ti: {
    'sms.invite': 'ናይ ቪድዮ ቆጸራ ምስ {clinic} {date} ሰዓት {time}-{end}። ብBankID ወይ Freja eID እተዉ፦ {link}',
    'sms.update': 'ናይ ቪድዮ ቆጸራኹም ምስ {clinic} ናብ {date} ሰዓት {time}-{end} ተቐይሩ። ሊንክ ሓደ እዩ፦ {link}',
    'sms.cancel': 'ናይ ቪድዮ ቆጸራኹም ምስ {clinic} {date} ሰዓት {time} ተሰሪዙ።',
    'sms.cancel.phone': 'ናይ ቪድዮ ቆጸራኹም ምስ {clinic} {date} ሰዓት {time} ተሰሪዙ። ሕቶ እንተሃልዩኩም ናብ {phone} ደውሉ።',
  },
};

/** No human translator has checked these yet (see `NeedsReview`). */
export const smsNeedsReview: Readonly<Partial<Record<UiLocale, NeedsReview<SmsKey>>>> = {
  ar: 'all', fa: 'all', fi: 'all', so: 'all', ti: 'all',
};

const svInterpreter = {
  'sms.interpreterInvite':
    'Hej! Du är bokad som tolk ({language}) för ett videobesök hos {clinic} {date} kl. {time}-{end}. ' +
    'Öppna länken en stund före besöket: {link} Koden för att logga in kommer i ett eget sms.',
  'sms.interpreterCode':
    'Din kod för videobesöket hos {clinic} {date} kl. {time} är {code}. Ange den när du öppnar länken. Lämna inte ut koden.',
} as const;

export type InterpreterSmsKey = keyof typeof svInterpreter;

/**
 * What the interpreter gets: Swedish, as interpreters are booked through Swedish interpreting
 * agencies (English is there for a region that wants it).
 */
export const interpreterSmsTexts: Readonly<Record<Locale, Messages<typeof svInterpreter>>> = {
  sv: svInterpreter,
  en: {
    'sms.interpreterInvite':
      'Hello! You are booked as interpreter ({language}) for a video visit with {clinic} on {date} at {time}-{end}. ' +
      'Open the link a little before the visit: {link} The sign-in code comes in a separate text message.',
    'sms.interpreterCode':
      'Your code for the video visit with {clinic} on {date} at {time} is {code}. Enter it when you open the link. Do not share the code.',
  },
};
