import { inviteErrorKey, type InviteError, type InviteField, type MessageKey, type Params } from '../../core/index.js';

/** An element's own `t()`: texts in the element's language. */
export type Translate = (key: MessageKey, params?: Params) => string;

/**
 * The core gives errors as codes with parameters (STYLE §13); these turn them into text at the edge,
 * in the language of the element that shows them.
 */
export function inviteErrorText<F extends InviteField>(field: F, error: InviteError<F>, t: Translate): string {
  return t(inviteErrorKey(field, error), error.params);
}
