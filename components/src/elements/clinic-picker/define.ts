import { defineElement } from '../shared/define.js';
import { DhClinicPicker } from './clinic-picker.element.js';

defineElement('dh-clinic-picker', DhClinicPicker);

declare global {
  interface HTMLElementTagNameMap {
    'dh-clinic-picker': DhClinicPicker;
  }
}
