// The pricing configuration's fields as a person edits them: money in euros (stored in cents),
// rates in percent and the surge cap as a multiplier (stored in basis points).
import { formatMoney } from "@lastmile/ui/format";

export type TFieldKind = "money" | "percent" | "multiplier";
export type TPricingField = { key: string; label: string; kind: TFieldKind; hint?: string };

export const PRICING_FIELDS: TPricingField[] = [
  { key: "baseFeeCents", label: "Base delivery fee", kind: "money" },
  { key: "perKmCents", label: "Per km", kind: "money" },
  { key: "minDeliveryFeeCents", label: "Minimum delivery fee", kind: "money" },
  { key: "maxDeliveryFeeCents", label: "Maximum delivery fee", kind: "money" },
  { key: "serviceFeeBp", label: "Service fee", kind: "percent", hint: "of the basket, 0–50 %" },
  { key: "serviceFeeCapCents", label: "Service fee cap", kind: "money" },
  { key: "smallOrderThresholdCents", label: "Small-order threshold", kind: "money", hint: "baskets below this pay the small-order fee" },
  { key: "smallOrderFeeCents", label: "Small-order fee", kind: "money" },
  { key: "taxOnFeesBp", label: "Tax on fees", kind: "percent" },
  { key: "surgeCapBp", label: "Surge cap", kind: "multiplier", hint: "between ×1.0 and ×3.0" },
  { key: "courierBaseFeeCents", label: "Courier base pay", kind: "money" },
  { key: "courierPerKmCents", label: "Courier pay per km", kind: "money" },
];

/** The stored integer as the form shows it. */
export function toInput(kind: TFieldKind, stored: number) {
  if (kind === "money") return (stored / 100).toFixed(2);
  if (kind === "percent") return String(stored / 100);
  return (stored / 10000).toFixed(2);
}

/** What the person typed, back to the stored integer; null when it is not a number. */
export function fromInput(kind: TFieldKind, typed: string): number | null {
  const v = Number(typed.replace(",", ".").trim());
  if (typed.trim() === "" || !Number.isFinite(v)) return null;
  return Math.round(kind === "money" ? v * 100 : kind === "percent" ? v * 100 : v * 10000);
}

/** The stored integer as a person reads it. */
export function display(kind: TFieldKind, stored: unknown, currency = "EUR") {
  const n = Number(stored);
  if (!Number.isFinite(n)) return "—";
  if (kind === "money") return formatMoney(n, currency);
  if (kind === "percent") return `${n / 100} %`;
  return `×${(n / 10000).toFixed(2)}`;
}
