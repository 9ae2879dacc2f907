// The one email layout: the platform's name and colours around blocks of content, rendered to
// HTML (inline styles, since mail clients ignore stylesheets) and to a plain-text alternative
// that says the same. Plain functions returning strings — no React renderer to ship or run.
export const BRAND = { name: "Lastmile", colour: "#047857", ink: "#1f2937", muted: "#6b7280", rule: "#e5e7eb" } as const;

export type TReceiptLine = { label: string; amount: string; strong?: boolean };
export type TBlock = string | { action: string; href: string } | { receipt: TReceiptLine[] } | { heading: string };

export type TEmail = {
  template: string;
  subject: string;
  /** Paragraphs of plain text; a paragraph may be a call to action, a heading or a receipt. */
  paragraphs: TBlock[];
  payload?: Record<string, unknown>;
  /** Carries a sign-in or reset link: the admin Outbox page redacts it. */
  sensitive?: boolean;
};

export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);

function blockText(p: TBlock): string {
  if (typeof p === "string") return p;
  if ("action" in p) return `${p.action}: ${p.href}`;
  if ("heading" in p) return p.heading.toUpperCase();
  const width = Math.max(...p.receipt.map((l) => l.label.length)) + 2;
  return p.receipt.map((l) => `${l.label.padEnd(width, " ")}${l.amount}`).join("\n");
}

function blockHtml(p: TBlock): string {
  if (typeof p === "string") return `<p style="margin:0 0 16px">${escapeHtml(p)}</p>`;
  if ("action" in p) {
    return `<p style="margin:24px 0"><a href="${escapeHtml(p.href)}" style="background:${BRAND.colour};color:#fff;padding:12px 20px;border-radius:8px;text-decoration:none;font-weight:600">${escapeHtml(p.action)}</a></p><p style="margin:0 0 16px;font-size:13px;color:#555">Or paste this address into your browser: ${escapeHtml(p.href)}</p>`;
  }
  if ("heading" in p) return `<h2 style="margin:24px 0 8px;font-size:17px;color:${BRAND.ink}">${escapeHtml(p.heading)}</h2>`;
  const rows = p.receipt
    .map((l) => `<tr${l.strong ? ` style="font-weight:700;border-top:1px solid ${BRAND.rule}"` : ""}><td style="padding:4px 0">${escapeHtml(l.label)}</td><td style="padding:4px 0;text-align:right;white-space:nowrap">${escapeHtml(l.amount)}</td></tr>`)
    .join("");
  return `<table role="presentation" style="width:100%;border-collapse:collapse;margin:0 0 16px">${rows}</table>`;
}

export function renderEmail(mail: Pick<TEmail, "paragraphs" | "subject">): { html: string; text: string } {
  const text = mail.paragraphs.map(blockText).concat([`— ${BRAND.name}`]).join("\n\n");
  const body = mail.paragraphs.map(blockHtml).join("");
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(mail.subject)}</title></head><body style="font-family:system-ui,sans-serif;font-size:15px;line-height:1.5;color:${BRAND.ink};max-width:560px;margin:0 auto;padding:24px"><p style="margin:0 0 24px;font-weight:800;font-size:20px;color:${BRAND.colour}">${BRAND.name}</p>${body}<p style="margin:32px 0 0;color:${BRAND.muted}">— ${BRAND.name}</p></body></html>`;
  return { html, text };
}

/** Integer minor units as the customer reads them (€12.50). */
export const formatMoney = (cents: number, currency: string) => new Intl.NumberFormat("en-IE", { style: "currency", currency }).format(cents / 100);
