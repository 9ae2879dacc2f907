// Horizontal bars for a ranked list — best sellers, cancellation reasons, star ratings: each row
// names the thing, draws its share of the largest, and says its value in words too, so the list
// reads correctly without the bars.
export type TRankedBar = { label: string; value: number; detail?: string };

export function RankedBars({
  title,
  bars,
  format = (v) => String(v),
  empty = "Nothing yet.",
  tone = "brand",
}: {
  title: string;
  bars: TRankedBar[];
  format?: (value: number) => string;
  empty?: string;
  tone?: "brand" | "danger" | "warn";
}) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const fill = { brand: "bg-brand-500", danger: "bg-rose-500", warn: "bg-amber-400" }[tone];
  return (
    <figure className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <figcaption className="mb-3 text-sm font-medium text-slate-700">{title}</figcaption>
      {bars.length === 0 ? (
        <p className="text-sm text-slate-600">{empty}</p>
      ) : (
        <ol className="space-y-2">
          {bars.map((b) => (
            <li key={b.label}>
              <div className="flex items-baseline justify-between gap-3 text-sm">
                <span className="truncate text-slate-900">{b.label}</span>
                <span className="shrink-0 tabular-nums text-slate-700">
                  {format(b.value)}
                  {b.detail ? <span className="text-slate-500"> · {b.detail}</span> : null}
                </span>
              </div>
              <div aria-hidden className="mt-1 h-2.5 rounded-full bg-slate-100">
                <div className={`h-2.5 rounded-full ${fill}`} style={{ width: `${(b.value / max) * 100}%` }} />
              </div>
            </li>
          ))}
        </ol>
      )}
    </figure>
  );
}
