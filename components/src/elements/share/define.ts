import { defineElement } from '../shared/define.js';
import { DhShare } from './share.element.js';

defineElement('dh-share', DhShare);

declare global {
  interface HTMLElementTagNameMap {
    'dh-share': DhShare;
  }
}
