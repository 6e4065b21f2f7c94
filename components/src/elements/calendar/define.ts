import { defineElement } from '../shared/define.js';
import { DhCalendar } from './calendar.element.js';

defineElement('dh-calendar', DhCalendar);

declare global {
  interface HTMLElementTagNameMap {
    'dh-calendar': DhCalendar;
  }
}
