import { defineElement } from '../shared/define.js';
import { DhPatientJoin } from './patient-join.element.js';

defineElement('dh-patient-join', DhPatientJoin);

declare global {
  interface HTMLElementTagNameMap {
    'dh-patient-join': DhPatientJoin;
  }
}
