import { defineElement } from '../shared/define.js';
import { DhInvite } from './invite.element.js';

defineElement('dh-invite', DhInvite);

declare global {
  interface HTMLElementTagNameMap {
    'dh-invite': DhInvite;
  }
}
