// Reading the API's refusals: the message a person can act on, and which field it is about (the
// router's errorFormatter puts zod's and the domain's field errors in `data.fieldErrors`).
// Duck-typed on TRPCClientError's shape (`message` + `data`) so a portal needs no client import.

export type TFieldErrors = Record<string, string[] | undefined>;
type TErrorData = { code?: string; fieldErrors?: TFieldErrors | null };

const dataOf = (error: unknown): TErrorData | undefined =>
  error instanceof Error && "data" in error
    ? ((error as { data?: TErrorData }).data ?? undefined)
    : undefined;

export function fieldErrorsOf(error: unknown): TFieldErrors {
  return dataOf(error)?.fieldErrors ?? {};
}

/** The first error the server gave for `field`, if any. */
export const fieldError = (error: unknown, field: string) =>
  fieldErrorsOf(error)[field]?.[0] ?? null;

/**
 * The error readers for one portal; `unreachable` is what its people are told when the request
 * never reached Lastmile, in their own terms (a kitchen tablet's Wi-Fi, an office connection).
 */
export function apiErrorReader(unreachable: string) {
  return {
    fieldErrorsOf,
    fieldError,
    messageOf(error: unknown): string {
      const data = dataOf(error);
      const fields = Object.values(fieldErrorsOf(error)).flatMap((v) => v ?? []);
      // For bad input tRPC's own message is zod's JSON; the field messages are the readable part.
      if (data?.code === "BAD_REQUEST" && fields.length) return fields.join(" ");
      if (error instanceof Error && /fetch|network/i.test(error.message) && !data)
        return unreachable;
      if (error instanceof Error && error.message) return error.message;
      return "Something went wrong. Please try again.";
    },
  };
}
