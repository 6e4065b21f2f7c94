/**
 * The patient-side bundle for the region's public site: the patient's and the interpreter's join
 * pages. No store, no SMS: nothing of the nurse's side reaches a patient's browser.
 */
import './elements/patient-join/define.js';
import './elements/guest-join/define.js';

export { DhPatientJoin } from './elements/patient-join/patient-join.element.js';
export { DhGuestJoin } from './elements/guest-join/guest-join.element.js';
export { configure } from './elements/shared/config.js';
export { DefaultReconnectPolicy, type ReconnectPolicy, type ReconnectContext } from './media/reconnect-policy.js';
