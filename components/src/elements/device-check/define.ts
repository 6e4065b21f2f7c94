import { defineElement } from '../shared/define.js';
import { DhDeviceCheck } from './device-check.element.js';

defineElement('dh-device-check', DhDeviceCheck);

declare global {
  interface HTMLElementTagNameMap {
    'dh-device-check': DhDeviceCheck;
  }
}
