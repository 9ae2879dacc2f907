import type { RouterOutputs } from "@lastmile/api";

export type TMenu = RouterOutputs["menu"]["get"];
export type TMenuCategory = TMenu["categories"][number];
export type TMenuItem = TMenuCategory["items"][number];
export type TModifierGroup = TMenu["modifierGroups"][number];

/** The fourteen allergens EU law asks restaurants to declare, as the menu stores them. */
export const ALLERGENS = [
  "gluten",
  "crustaceans",
  "egg",
  "fish",
  "peanuts",
  "soy",
  "milk",
  "nuts",
  "celery",
  "mustard",
  "sesame",
  "sulphites",
  "lupin",
  "molluscs",
] as const;
