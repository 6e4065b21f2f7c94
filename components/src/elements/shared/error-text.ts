import type { MessageKey, Params } from '../../core/index.js';
import { StoreError, type OutboxError } from '../../store/index.js';

/** An element's own `t()`: texts in the element's language. */
export type Translate = (key: MessageKey, params?: Params) => string;

/**
 * The core gives errors as codes with parameters (STYLE §13); these turn them into text at the edge,
 * in the language of the element that shows them (the invitation's: `inviteErrorText` from the core).
 */
export { inviteErrorText } from '../../core/index.js';

/**
 * An error caught by an element: a refusal of the store (stale, missing, outdated) as its own text;
 * anything else, which has no code, as "Something went wrong: …" with what it says.
 */
export function errorText(error: unknown, t: Translate): string {
  if (error instanceof StoreError) return t(`store.${error.code}`);
  return t('ui.error.generic', { reason: error instanceof Error ? error.message : String(error) });
}

/** Why an SMS is unsent: the relay's reason for a refusal is its own text, shown as it is. */
export function smsErrorText(error: OutboxError, t: Translate): string {
  return error.code === 'rejected' ? t('relay.rejected', { reason: error.reason }) : t('relay.queued');
}
