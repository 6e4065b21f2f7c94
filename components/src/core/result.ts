/** A domain error: a stable `code` for programs and a Swedish `message` for people. */
export interface CoreError<C extends string = string> {
  readonly code: C;
  readonly message: string;
}

export type Result<T, C extends string = string> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: CoreError<C> };

export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });
