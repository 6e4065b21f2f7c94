import type { RiskReason } from '../../../components/src/bridge/protocol.js';
import type { OptionsErrorCode } from './options.js';
import type { SithsFailure } from './siths.js';

/**
 * Every text the extension shows, in the nurse's language (Swedish): one typed table, so a missing
 * text is a type error. Placeholders in braces are filled by `say`.
 */
const sv = {
  'popup.title': 'Videobesök',
  'popup.today': 'I dag',
  'popup.tomorrow': 'I morgon',
  'popup.none': 'Inga besök.',
  'popup.loading': 'Hämtar besöken …',
  'popup.fromPage': 'Från intranätets sida.',
  'popup.fromCache': 'Sparad lista från kl. {time} (öppna intranätet för den senaste).',
  'popup.noSource': 'Öppna intranätets sida för videobesök för att se dagens besök.',
  'popup.interpreter': 'Tolk',
  'popup.status.booked': 'Bokad',
  'popup.status.cancelled': 'Avbokad',
  'popup.start': 'Starta',
  'popup.startLabel': 'Starta besöket kl. {time} med {name}',
  'popup.signIn': 'Logga in (SITHS)',
  'popup.noSignIn': 'Ingen inloggningssida angiven i inställningarna.',
  'popup.support': 'Support',
  'popup.supportNone': 'Inga supportkontakter angivna i inställningarna.',
  'popup.options': 'Inställningar',
  'popup.clinic': 'Mottagning: {clinic}',
  'check.title': 'Innan du delar ett fönster',
  'check.run': 'Kontrollera öppna fönster',
  'check.others': 'Andra öppna flikar och fönster: {n}.',
  'check.flagged': '{n} av dem kan visa patientuppgifter. Stäng eller minimera dem innan du delar:',
  'check.clear': 'Inget av dem ser riskabelt ut.',
  'check.titlesMissing': 'Tillägget får inte läsa flikarnas rubriker, så det kan inte säga vilka som är riskabla.',
  'check.allowWhy': 'Tillägget läser rubriker och adresser på dina öppna flikar bara för att varna dig innan du delar. Inget skickas någonstans.',
  'check.allow': 'Tillåt att läsa flikarnas rubriker',
  'check.denied': 'Inte tillåtet. Stäng journal, e-post och andra fönster med patientuppgifter själv innan du delar.',
  'reason.ehr': 'journalsystem',
  'reason.mail': 'e-post',
  'reason.1177': '1177',
  'reason.personnummer': 'personnummer',
  'reason.patient-data': 'patientuppgifter',
  'options.title': 'Inställningar – Videobesök',
  'options.intro': 'Gäller tillägget i den här webbläsaren. Fråga din IT-support om regionens adresser.',
  'options.signInUrls': 'Inloggningssidor (SITHS), en adress per rad',
  'options.intranetOrigins': 'Intranätets adresser (ursprung, t.ex. https://intranat.regionexempel.se), en per rad',
  'options.patterns': 'Ord som gör ett fönster riskabelt att ha öppet (kommaseparerade)',
  'options.pattern.ehr': 'Journalsystem',
  'options.pattern.mail': 'E-post',
  'options.pattern.1177': '1177',
  'options.pattern.patient-data': 'Andra patientuppgifter',
  'options.patternsNote': 'Personnummer i en rubrik eller adress hittas alltid, utan ord.',
  'options.supportEmail': 'Supportens e-postadress',
  'options.supportPhone': 'Supportens telefonnummer',
  'options.clinic': 'Din mottagning',
  'options.save': 'Spara',
  'options.saved': 'Sparat.',
  'options.savedNoAccess': 'Sparat, men tillägget fick inte tillgång till adresserna. Spara igen och tillåt.',
  'options.invalid': 'Rätta det markerade och spara igen.',
  'options.tabs': 'Rubriker på öppna flikar',
  'options.tabsGranted': 'Tillåtet: kontrollen före delning kan varna för riskabla fönster.',
  'options.tabsMissing': 'Inte tillåtet än: kontrollen före delning kan bara räkna fönstren.',
  'error.not-https': '”{value}” måste börja med https:// (http:// bara för den här datorn).',
  'error.not-origin': '”{value}” är inte ett ursprung: bara https://namn (utan sökväg).',
  'error.not-url': '”{value}” är inte en webbadress.',
  'error.too-many': 'För många rader.',
  'error.too-long': 'För långt: ”{value}”.',
  'error.email': '”{value}” är inte en e-postadress.',
  'error.phone': '”{value}” är inte ett telefonnummer.',
  'error.empty-pattern': 'Tomt ord.',
  'siths.title': 'Inloggning med SITHS-kort',
  'siths.check': 'Innan du loggar in:',
  'siths.card': 'SITHS-kortet sitter i kortläsaren.',
  'siths.client': 'SITHS eID (programmet eller appen) är igång.',
  'siths.pin': 'Du har rätt pinkod till hands (legitimeringskoden). Skriv den bara i SITHS eID, aldrig här.',
  'siths.failure.no-certificate': 'Inget certifikat valdes. Kontrollera att kortet sitter i läsaren och att SITHS eID är igång, stäng webbläsarens alla fönster och försök igen.',
  'siths.failure.expired-session': 'Inloggningen har gått ut. Ladda om sidan och logga in igen.',
  'siths.failure.blocked-card': 'Kortet är spärrat (till exempel efter fel pinkod för många gånger). Kontakta supporten eller din id-administratör för att låsa upp det.',
  'siths.failure.wrong-url': 'Adressen verkar fel. Använd bokmärket eller inloggningsknappen i tilläggets meny.',
  'siths.contact': 'Support: {contacts}',
  'siths.bookmark': 'Bokmärk inloggningssidan',
  'siths.bookmarked': 'Bokmärket är sparat.',
  'siths.bookmarkDenied': 'Inget bokmärke: tillägget fick inte tillåtelse.',
  'siths.clinic': 'Kom ihåg din mottagning',
  'siths.clinicSave': 'Kom ihåg',
  'siths.clinicSaved': 'Sparat.',
  'siths.close': 'Dölj',
} as const;

export type TextKey = keyof typeof sv;

/** The text for `key`, placeholders filled. */
export function say(key: TextKey, values: Readonly<Record<string, string | number>> = {}): string {
  return sv[key].replace(/\{(\w+)\}/g, (_m, name: string) => String(values[name] ?? ''));
}

export const reasonText = (reason: RiskReason): string => say(`reason.${reason}`);
export const errorText = (code: OptionsErrorCode, value = ''): string => say(`error.${code}`, { value });
export const failureText = (failure: SithsFailure): string => say(`siths.failure.${failure}`);
