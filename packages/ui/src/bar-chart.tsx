// A small server-rendered bar chart (SVG, no client JavaScript): one bar per period, an optional
// darker segment for a part of it (e.g. cancellations), labelled axes, and a text summary for
// screen readers.
export type TBar = { label: string; value: number; part?: number };

export function BarChart({
  bars,
  title,
  valueLabel,
  partLabel,
  note,
  height = 180,
}: {
  bars: TBar[];
  title: string;
  /** A line under the title, e.g. which clock the periods are read on. */
  note?: string;
  valueLabel: string;
  partLabel?: string;
  height?: number;
}) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const width = 960;
  const pad = { top: 12, right: 8, bottom: 28, left: 40 };
  const innerW = width - pad.left - pad.right;
  const innerH = height - pad.top - pad.bottom;
  const step = innerW / Math.max(1, bars.length);
  const barW = Math.max(4, step * 0.7);
  const y = (v: number) => pad.top + innerH - (v / max) * innerH;
  const total = bars.reduce((s, b) => s + b.value, 0);
  const ticks = [0, Math.round(max / 2), max];
  return (
    <figure className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <figcaption className="mb-2 flex items-baseline justify-between gap-4">
        <span className="text-sm font-medium text-slate-700">
          {title}
          {note ? <span className="block text-xs font-normal text-slate-600">{note}</span> : null}
        </span>
        <span className="flex gap-3 text-xs text-slate-600">
          <span className="inline-flex items-center gap-1">
            <span aria-hidden className="size-2.5 rounded-sm bg-brand-500" /> {valueLabel}
          </span>
          {partLabel ? (
            <span className="inline-flex items-center gap-1">
              <span aria-hidden className="size-2.5 rounded-sm bg-rose-500" /> {partLabel}
            </span>
          ) : null}
        </span>
      </figcaption>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        className="h-auto w-full"
        role="img"
        aria-label={`${title}: ${total} ${valueLabel.toLowerCase()} in ${bars.length} periods, from ${bars[0]?.value ?? 0} on ${bars[0]?.label ?? ""} to ${bars.at(-1)?.value ?? 0} on ${bars.at(-1)?.label ?? ""}, peak ${max}.`}
      >
        {ticks.map((t) => (
          <g key={t}>
            <line
              x1={pad.left}
              x2={width - pad.right}
              y1={y(t)}
              y2={y(t)}
              className="stroke-slate-200"
            />
            <text
              x={pad.left - 6}
              y={y(t) + 4}
              textAnchor="end"
              className="fill-slate-500 text-[11px]"
            >
              {t}
            </text>
          </g>
        ))}
        {bars.map((b, i) => {
          const x = pad.left + i * step + (step - barW) / 2;
          return (
            <g key={b.label}>
              <rect
                x={x}
                y={y(b.value)}
                width={barW}
                height={pad.top + innerH - y(b.value)}
                rx={2}
                className="fill-brand-500"
              >
                <title>{`${b.label}: ${b.value} ${valueLabel.toLowerCase()}${b.part ? `, ${b.part} ${partLabel?.toLowerCase() ?? ""}` : ""}`}</title>
              </rect>
              {b.part ? (
                <rect
                  x={x}
                  y={y(b.part)}
                  width={barW}
                  height={pad.top + innerH - y(b.part)}
                  rx={2}
                  className="fill-rose-500"
                />
              ) : null}
              {i % Math.ceil(bars.length / 7) === 0 || i === bars.length - 1 ? (
                <text
                  x={x + barW / 2}
                  y={height - 8}
                  textAnchor="middle"
                  className="fill-slate-500 text-[11px]"
                >
                  {b.label}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
