// One mapper from domain errors to tRPC codes: the domain says what went wrong, the API says
// how that travels over HTTP.
import { TRPCError } from "@trpc/server";

import { DomainError } from "@lastmile/core/errors";
import type { TDomainErrorKind } from "@lastmile/core/errors";
import { GeoValidationError } from "@lastmile/geo";

const CODES: Record<TDomainErrorKind, TRPCError["code"]> = {
  NotFound: "NOT_FOUND",
  Forbidden: "FORBIDDEN",
  Conflict: "CONFLICT",
  InvalidTransition: "CONFLICT",
  Validation: "BAD_REQUEST",
  PaymentFailed: "PAYMENT_REQUIRED",
};

export function toTRPCError(error: unknown): TRPCError {
  if (error instanceof TRPCError) return error;
  if (error instanceof GeoValidationError) {
    // A polygon PostGIS refused: say what is wrong and, where it can tell, where.
    const cause = new DomainError("Validation", error.message, { field: "boundary", details: { problem: error.problem, location: error.location ?? null } });
    return new TRPCError({ code: "BAD_REQUEST", message: error.message, cause });
  }
  if (error instanceof DomainError) return new TRPCError({ code: CODES[error.kind], message: error.message, cause: error });
  return new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: "Something went wrong on our side. Please try again.", cause: error instanceof Error ? error : undefined });
}
