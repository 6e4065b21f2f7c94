import { defineElement } from '../shared/define.js';
import { DhCall } from './call.element.js';

defineElement('dh-call', DhCall);

declare global {
  interface HTMLElementTagNameMap {
    'dh-call': DhCall;
  }
}
