// The one error this package throws on purpose: input that PostGIS (or the schema) refuses, with
// a problem code the API maps to a validation error and a sentence a person can act on.
import type { TGeoPoint } from "./coordinates";

export type TGeoProblem =
  | "wrong_srid"
  | "no_rings"
  | "too_few_points"
  | "not_closed"
  | "self_intersection"
  | "invalid_geometry"
  | "too_small"
  | "too_large"
  | "no_delivery_coverage";

export class GeoValidationError extends Error {
  readonly problem: TGeoProblem;
  /** Where the problem is, when PostGIS can say (a self-intersection, an open ring's ends). */
  readonly location: TGeoPoint | undefined;

  constructor(problem: TGeoProblem, message: string, location?: TGeoPoint) {
    super(message);
    this.name = "GeoValidationError";
    this.problem = problem;
    this.location = location;
  }
}
