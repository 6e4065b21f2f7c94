/**
 * The nurse-side bundle: one `<script type="module">` registers the elements and exposes the
 * configuration API. Registration is guarded, so loading it twice is harmless.
 */
import './elements/clinic-picker/define.js';
import './elements/invite/define.js';
import './elements/calendar/define.js';
import './elements/booking/define.js';
import './elements/lobby/define.js';
import './elements/star-profile/define.js';
// The OCR engine and pdf.js are not in this bundle: dh-share loads them when a scan is opened.
import './elements/share/define.js';

export { DhClinicPicker } from './elements/clinic-picker/clinic-picker.element.js';
export { DhInvite } from './elements/invite/invite.element.js';
export { DhCalendar } from './elements/calendar/calendar.element.js';
export { DhBooking } from './elements/booking/booking.element.js';
export { DhLobby } from './elements/lobby/lobby.element.js';
export { DhCall } from './elements/call/call.element.js';
export { DhDeviceCheck } from './elements/device-check/device-check.element.js';
export { DhSpeakerTest } from './elements/speaker-test/speaker-test.element.js';
export { DhStarProfile, type StarProfileMode } from './elements/star-profile/star-profile.element.js';
export { DhShare } from './elements/share/share.element.js';
export { configure, readConfig, resetServices, type DhConfig } from './elements/shared/services.js';
export type * from './elements/shared/events.js';
export { DefaultReconnectPolicy, type ReconnectPolicy, type ReconnectContext } from './media/reconnect-policy.js';
