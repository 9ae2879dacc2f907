// The console's reading of the API's refusals (see @lastmile/ui/api-errors).
import { apiErrorReader } from "@lastmile/ui/api-errors";

export type { TFieldErrors } from "@lastmile/ui/api-errors";
export const { fieldErrorsOf, fieldError, messageOf } = apiErrorReader(
  "The console could not reach Lastmile. Check the connection and try again.",
);
