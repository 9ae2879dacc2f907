// Prices typed by people ("12.50", "12,5", "€ 3") into integer cents, and back for editing.

/** Cents, or null when the text is not an amount; `signed` allows "-1.00" (cheaper options). */
export function parseMoney(text: string, { signed = false } = {}): number | null {
  const cleaned = text.replace(/[€\s]/g, "").replace(",", ".");
  const re = signed ? /^[-+]?\d+(\.\d{1,2})?$/ : /^\d+(\.\d{1,2})?$/;
  if (!re.test(cleaned)) return null;
  return Math.round(Number(cleaned) * 100);
}

/** "12.50" for an input's value (no currency sign: the label says which). */
export const centsToInput = (cents: number) => (cents / 100).toFixed(2);
