import { defineElement } from '../shared/define.js';
import { DhBooking } from './booking.element.js';

defineElement('dh-booking', DhBooking);

declare global {
  interface HTMLElementTagNameMap {
    'dh-booking': DhBooking;
  }
}
