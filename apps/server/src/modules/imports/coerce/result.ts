// Every coercion returns a value or the reason a cell cannot become one; the reason is shown to the
// user beside the row number and column, so it says what was expected.
export type Coerced<T> = { ok: true; value: T } | { ok: false; message: string };

export const ok = <T>(value: T): Coerced<T> => ({ ok: true, value });
export const fail = (message: string): Coerced<never> => ({ ok: false, message });

/** Full-width digits and punctuation (１２３，４５６．７) as ASCII: NFKC does exactly that. */
export const halfWidth = (s: string): string => s.normalize('NFKC');
