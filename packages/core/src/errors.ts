// The one error type the domain throws. Each kind maps to one tRPC code in the API; messages
// are written for the person who will read them.
export type TDomainErrorKind = "NotFound" | "Forbidden" | "Conflict" | "InvalidTransition" | "Validation" | "PaymentFailed";

export class DomainError extends Error {
  readonly kind: TDomainErrorKind;
  /** For Validation: which input field, so the form can point at it. */
  readonly field?: string;
  readonly details?: Record<string, unknown>;

  constructor(kind: TDomainErrorKind, message: string, options: { field?: string; details?: Record<string, unknown> } = {}) {
    super(message);
    this.name = "DomainError";
    this.kind = kind;
    this.field = options.field;
    this.details = options.details;
  }
}

export const notFound = (what: string) => new DomainError("NotFound", `${what} was not found.`);
export const forbidden = (message: string) => new DomainError("Forbidden", message);
export const conflict = (message: string, details?: Record<string, unknown>) => new DomainError("Conflict", message, { details });
export const invalid = (field: string, message: string) => new DomainError("Validation", message, { field });

/**
 * A system job lost a race for an order: someone moved it first (accepted, cancelled), so the
 * transition it tried no longer applies and the order is already where it should be.
 */
export const isLostRace = (error: unknown): error is DomainError =>
  error instanceof DomainError && (error.kind === "Conflict" || error.kind === "InvalidTransition");
