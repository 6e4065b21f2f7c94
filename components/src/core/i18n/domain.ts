import { format, type Messages, type Params, type UiLocale } from '../i18n.js';

/**
 * What the domain core's error codes mean (personnummer, mobile numbers, the invitation's fields,
 * the store, the SMS relay), in Swedish and English: the nurse's side shows them. The core returns
 * codes only; the nurse's elements register these texts (`elements/shared/nurse-texts.ts`), and
 * the patient's bundle, which shows none of them, does not carry them.
 */
const sv = {
  'pnr.empty': 'Ange personnummer.',
  'pnr.letters': 'Personnumret får bara innehålla siffror, bindestreck eller plustecken.',
  'pnr.format': 'Personnumret ska ha 10 eller 12 siffror, till exempel 19121212-1212.',
  'pnr.date': 'Personnumret innehåller ett datum som inte finns. Kontrollera födelsedatumet.',
  'pnr.future': 'Födelsedatumet ligger i framtiden. Kontrollera århundradet (19 eller 20).',
  'pnr.serial': 'Personnumret har ett ogiltigt löpnummer (000). Kontrollera de fyra sista siffrorna.',
  'pnr.checksum': 'Kontrollsiffran stämmer inte. Troligen är en siffra felskriven.',
  'mobile.empty': 'Ange mobilnummer.',
  'mobile.letters': 'Mobilnumret får bara innehålla siffror, mellanslag, bindestreck och +.',
  'mobile.not-swedish':
    'Numret är inte svenskt. Inbjudan skickas med sms och kan bara gå till ett svenskt mobilnummer (07…).',
  'mobile.landline':
    'Numret ser ut att vara en fast telefon. Inbjudan skickas med sms, så ange ett mobilnummer (07…).',
  'mobile.invalid': 'Numret är inte ett giltigt mobilnummer. Svenska mobilnummer börjar med 07 och har tio siffror.',
  'invite.clinic.required': 'Välj mottagning.',
  'invite.clinic.unknown': 'Mottagningen finns inte i listan. Välj en mottagning.',
  'invite.givenName.required': 'Ange förnamn.',
  'invite.familyName.required': 'Ange efternamn.',
  'invite.name.invalid': 'Namnet får bara innehålla bokstäver, mellanslag, bindestreck och apostrof.',
  'invite.name.long': 'Namnet får vara högst {max} tecken.',
  'invite.email.invalid': 'E-postadressen ser inte giltig ut, till exempel namn@exempel.se.',
  'invite.email.required': 'Ange e-postadress.',
  'invite.reason.required': 'Ange ärende.',
  'invite.reason.long': 'Ärendet får vara högst {max} tecken.',
  'invite.date.required': 'Ange datum.',
  'invite.date.invalid': 'Datumet ska skrivas som ÅÅÅÅ-MM-DD.',
  'invite.date.past': 'Datumet har redan passerat. Välj ett datum från i dag och framåt.',
  'invite.date.closed': 'Mottagningen har stängt den dagen. Välj en annan dag.',
  'invite.date.holiday': 'Mottagningen har stängt på {holiday}. Välj en annan dag.',
  'invite.time.required': 'Ange tid.',
  'invite.time.invalid': 'Tiden ska skrivas som TT:MM, till exempel 09:30.',
  'invite.time.past': 'Tiden har redan passerat. Välj en senare tid.',
  'invite.time.hours': 'Besöket måste ligga inom mottagningens öppettider, {open}–{close}.',
  'invite.time.holiday-hours': 'På {holiday} har mottagningen öppet {open}–{close}. Besöket måste ligga inom den tiden.',
  'invite.duration.invalid': 'Välj en längd mellan {min} och {max} minuter.',
  'invite.language.invalid': 'Välj språk för inbjudan.',
  'invite.interpreterLanguage.required': 'Välj tolkspråk.',
  'holiday.nyarsdagen': 'nyårsdagen',
  'holiday.trettondagsafton': 'trettondagsafton',
  'holiday.trettondedag-jul': 'trettondedag jul',
  'holiday.skartorsdagen': 'skärtorsdagen',
  'holiday.langfredagen': 'långfredagen',
  'holiday.paskdagen': 'påskdagen',
  'holiday.annandag-pask': 'annandag påsk',
  'holiday.valborgsmassoafton': 'valborgsmässoafton',
  'holiday.forsta-maj': 'första maj',
  'holiday.kristi-himmelsfardsdag': 'Kristi himmelsfärdsdag',
  'holiday.pingstdagen': 'pingstdagen',
  'holiday.annandag-pingst': 'annandag pingst',
  'holiday.nationaldagen': 'Sveriges nationaldag',
  'holiday.midsommarafton': 'midsommarafton',
  'holiday.midsommardagen': 'midsommardagen',
  'holiday.allhelgonaafton': 'allhelgonaafton',
  'holiday.alla-helgons-dag': 'alla helgons dag',
  'holiday.julafton': 'julafton',
  'holiday.juldagen': 'juldagen',
  'holiday.annandag-jul': 'annandag jul',
  'holiday.nyarsafton': 'nyårsafton',
  'store.stale':
    'Bokningen har ändrats i en annan flik sedan du öppnade den. Ladda om för att se den senaste versionen; din ändring har inte sparats.',
  'store.missing': 'Bokningen finns inte längre. Den kan ha rensats efter 30 dagar.',
  'store.outdated': 'En nyare version av sidan är öppen i en annan flik. Ladda om den här sidan för att fortsätta.',
  'relay.rejected': 'Sms-tjänsten tog inte emot meddelandet: {reason}',
  'relay.queued': 'Sms:et kunde inte skickas just nu. Det ligger kvar och skickas automatiskt när tjänsten svarar igen.',
} as const;

export type DomainKey = keyof typeof sv;

const en: Messages<typeof sv> = {
  'pnr.empty': 'Enter a personal identity number.',
  'pnr.letters': 'The personal identity number may contain only digits, a hyphen or a plus sign.',
  'pnr.format': 'The personal identity number has 10 or 12 digits, for example 19121212-1212.',
  'pnr.date': 'The personal identity number contains a date that does not exist. Check the date of birth.',
  'pnr.future': 'The date of birth is in the future. Check the century (19 or 20).',
  'pnr.serial': 'The serial number (000) is not valid. Check the last four digits.',
  'pnr.checksum': 'The check digit does not match. A digit is probably mistyped.',
  'mobile.empty': 'Enter a mobile number.',
  'mobile.letters': 'The mobile number may contain only digits, spaces, hyphens and +.',
  'mobile.not-swedish':
    'The number is not Swedish. The invitation is sent by text message and can only go to a Swedish mobile number (07…).',
  'mobile.landline':
    'The number looks like a landline. The invitation is sent by text message, so enter a mobile number (07…).',
  'mobile.invalid': 'The number is not a valid mobile number. Swedish mobile numbers start with 07 and have ten digits.',
  'invite.clinic.required': 'Choose a clinic.',
  'invite.clinic.unknown': 'The clinic is not in the list. Choose a clinic.',
  'invite.givenName.required': 'Enter the first name.',
  'invite.familyName.required': 'Enter the last name.',
  'invite.name.invalid': 'The name may contain only letters, spaces, hyphens and apostrophes.',
  'invite.name.long': 'The name may be at most {max} characters.',
  'invite.email.invalid': 'The e-mail address does not look valid, for example name@example.se.',
  'invite.email.required': 'Enter an e-mail address.',
  'invite.reason.required': 'Enter the reason for the visit.',
  'invite.reason.long': 'The reason may be at most {max} characters.',
  'invite.date.required': 'Enter a date.',
  'invite.date.invalid': 'Write the date as YYYY-MM-DD.',
  'invite.date.past': 'The date has passed. Choose today or a later date.',
  'invite.date.closed': 'The clinic is closed that day. Choose another day.',
  'invite.date.holiday': 'The clinic is closed on {holiday}. Choose another day.',
  'invite.time.required': 'Enter a time.',
  'invite.time.invalid': 'Write the time as HH:MM, for example 09:30.',
  'invite.time.past': 'The time has passed. Choose a later time.',
  'invite.time.hours': 'The visit must be within the clinic’s opening hours, {open}–{close}.',
  'invite.time.holiday-hours': 'On {holiday} the clinic is open {open}–{close}. The visit must be within those hours.',
  'invite.duration.invalid': 'Choose a length between {min} and {max} minutes.',
  'invite.language.invalid': 'Choose the language of the invitation.',
  'invite.interpreterLanguage.required': 'Choose the interpreter’s language.',
  'holiday.nyarsdagen': 'New Year’s Day',
  'holiday.trettondagsafton': 'Twelfth Night',
  'holiday.trettondedag-jul': 'Epiphany',
  'holiday.skartorsdagen': 'Maundy Thursday',
  'holiday.langfredagen': 'Good Friday',
  'holiday.paskdagen': 'Easter Sunday',
  'holiday.annandag-pask': 'Easter Monday',
  'holiday.valborgsmassoafton': 'Walpurgis Night',
  'holiday.forsta-maj': 'May Day',
  'holiday.kristi-himmelsfardsdag': 'Ascension Day',
  'holiday.pingstdagen': 'Whit Sunday',
  'holiday.annandag-pingst': 'Whit Monday',
  'holiday.nationaldagen': 'National Day of Sweden',
  'holiday.midsommarafton': 'Midsummer Eve',
  'holiday.midsommardagen': 'Midsummer Day',
  'holiday.allhelgonaafton': 'All Saints’ Eve',
  'holiday.alla-helgons-dag': 'All Saints’ Day',
  'holiday.julafton': 'Christmas Eve',
  'holiday.juldagen': 'Christmas Day',
  'holiday.annandag-jul': 'Boxing Day',
  'holiday.nyarsafton': 'New Year’s Eve',
  'store.stale':
    'The booking was changed in another tab since you opened it. Reload to see the latest version; your change has not been saved.',
  'store.missing': 'The booking no longer exists. It may have been purged after 30 days.',
  'store.outdated': 'A newer version of this page is open in another tab. Reload this page to go on.',
  'relay.rejected': 'The SMS service did not accept the message: {reason}',
  'relay.queued': 'The SMS could not be sent right now. It is kept and sent automatically when the service answers again.',
};

/** The domain's texts as a section: the other languages fall back to Swedish. */
export const domainTexts: Readonly<Record<UiLocale, Partial<Messages<typeof sv>>>> = { sv, en, ar: {}, fa: {}, fi: {}, so: {}, ti: {} };

/**
 * A code's text for callers without elements (a script, a server): `domainText(\`pnr.${error.code}\`, error)`.
 * Swedish unless English is asked for.
 */
export function domainText(key: DomainKey, params?: Params, locale: 'sv' | 'en' = 'sv'): string {
  // Plain texts only: none of the domain's messages counts anything.
  return format((locale === 'en' ? en : sv)[key], params, locale);
}
