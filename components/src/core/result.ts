/**
 * A domain error: a stable `code`, and the values its text needs (if any). Never the text itself:
 * the element that shows the error words it in its own language (STYLE §13).
 */
export type CoreError<C extends string = string, P extends object = object> = { readonly code: C } & Readonly<P>;

export type Result<T, C extends string = string, P extends object = object> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: CoreError<C, P> };

export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });
