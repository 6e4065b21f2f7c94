import { defineElement } from '../shared/define.js';
import { DhGuestJoin } from './guest-join.element.js';

defineElement('dh-guest-join', DhGuestJoin);

declare global {
  interface HTMLElementTagNameMap {
    'dh-guest-join': DhGuestJoin;
  }
}
