/**
 * Swedish, the source catalogue: every key is defined here first and every other
 * catalogue must provide the same keys (checked by the `Catalog` type).
 * Placeholders are `{name}`; see `format()` in `../i18n.ts`.
 */
export const sv = {
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
  'invite.time.required': 'Ange tid.',
  'invite.time.invalid': 'Tiden ska skrivas som TT:MM, till exempel 09:30.',
  'invite.time.past': 'Tiden har redan passerat. Välj en senare tid.',
  'invite.time.hours': 'Besöket måste ligga inom mottagningens öppettider, {open}–{close}.',
  'invite.duration.invalid': 'Välj en längd mellan {min} och {max} minuter.',
  'invite.language.invalid': 'Välj språk för inbjudan.',
  'invite.interpreterLanguage.required': 'Välj tolkspråk.',

  'store.stale':
    'Bokningen har ändrats i en annan flik sedan du öppnade den. Ladda om för att se den senaste versionen; din ändring har inte sparats.',
  'store.missing': 'Bokningen finns inte längre. Den kan ha rensats efter 30 dagar.',

  'relay.rejected': 'Sms-tjänsten tog inte emot meddelandet: {reason}',
  'relay.queued': 'Sms:et kunde inte skickas just nu. Det ligger kvar och skickas automatiskt när tjänsten svarar igen.',

  'sms.invite':
    'Hej! Du är bokad för ett videobesök hos {clinic} {date} kl. {time}-{end}. ' +
    'Öppna länken en stund före besöket och logga in med BankID eller Freja eID: {link} ' +
    'Det går bra med dator, mobil eller surfplatta.',
  'sms.update':
    'Ditt videobesök hos {clinic} är ändrat till {date} kl. {time}-{end}. Länken är densamma: {link}',
  'sms.cancel': 'Ditt videobesök hos {clinic} {date} kl. {time} är avbokat.',
  'sms.cancel.phone': 'Ditt videobesök hos {clinic} {date} kl. {time} är avbokat. Frågor? Ring {phone}.',
  'sms.interpreterInvite':
    'Hej! Du är bokad som tolk ({language}) för ett videobesök hos {clinic} {date} kl. {time}-{end}. ' +
    'Öppna länken en stund före besöket: {link} Koden för att logga in kommer i ett eget sms.',
  'sms.interpreterCode':
    'Din kod för videobesöket hos {clinic} {date} kl. {time} är {code}. Ange den när du öppnar länken. Lämna inte ut koden.',
} as const;

export type MessageKey = keyof typeof sv;
/** A complete catalogue: the same keys as Swedish, any wording. */
export type Catalog = Readonly<Record<MessageKey, string>>;
