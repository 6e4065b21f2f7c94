import type { MessageKey } from '../../core/index.js';
import type { GuestRole } from '../../media/index.js';
import { JoinElement } from '../shared/join-base.js';

/**
 * @tagname dh-patient-join
 * @summary The patient's page from the SMS link: the visit's clinic and time, a device check, a
 * waiting room that knocks by itself until the nurse lets them in, then the call.
 *
 * @fires dh-device-check - From the device check.
 * @fires dh-call-end - The visit ended.
 *
 * @csspart button - Every button.
 *
 * @cssproperty --dh-color-primary - Buttons and headings.
 * @cssproperty --dh-font-family - Font.
 */
export class DhPatientJoin extends JoinElement {
  protected readonly guestRole: GuestRole = 'patient';
  protected readonly titleKey: MessageKey = 'ui.join.title';
}
