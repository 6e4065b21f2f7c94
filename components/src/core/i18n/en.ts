import type { Catalog } from './sv.js';

export const en: Catalog = {
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
  'invite.time.required': 'Enter a time.',
  'invite.time.invalid': 'Write the time as HH:MM, for example 09:30.',
  'invite.time.past': 'The time has passed. Choose a later time.',
  'invite.time.hours': 'The visit must be within the clinic’s opening hours, {open}–{close}.',
  'invite.duration.invalid': 'Choose a length between {min} and {max} minutes.',
  'invite.language.invalid': 'Choose the language of the invitation.',
  'invite.interpreterLanguage.required': 'Choose the interpreter’s language.',

  'store.stale':
    'The booking was changed in another tab since you opened it. Reload to see the latest version; your change has not been saved.',
  'store.missing': 'The booking no longer exists. It may have been purged after 30 days.',

  'relay.rejected': 'The SMS service did not accept the message: {reason}',
  'relay.queued': 'The SMS could not be sent right now. It is kept and sent automatically when the service answers again.',

  'sms.invite':
    'Hello! You are booked for a video visit with {clinic} on {date} at {time}-{end}. ' +
    'Open the link a little before the visit and sign in with BankID or Freja eID: {link} ' +
    'A computer, phone or tablet all work.',
  'sms.update': 'Your video visit with {clinic} has moved to {date} at {time}-{end}. The link is the same: {link}',
  'sms.cancel': 'Your video visit with {clinic} on {date} at {time} has been cancelled.',
  'sms.cancel.phone': 'Your video visit with {clinic} on {date} at {time} has been cancelled. Questions? Call {phone}.',
  'sms.interpreterInvite':
    'Hello! You are booked as interpreter ({language}) for a video visit with {clinic} on {date} at {time}-{end}. ' +
    'Open the link a little before the visit: {link} The sign-in code comes in a separate text message.',
  'sms.interpreterCode':
    'Your code for the video visit with {clinic} on {date} at {time} is {code}. Enter it when you open the link. Do not share the code.',
};
