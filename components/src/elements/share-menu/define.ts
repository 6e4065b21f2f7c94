import { defineElement } from '../shared/define.js';
import { DhShareMenu } from './share-menu.element.js';

defineElement('dh-share-menu', DhShareMenu);

declare global {
  interface HTMLElementTagNameMap {
    'dh-share-menu': DhShareMenu;
  }
}
