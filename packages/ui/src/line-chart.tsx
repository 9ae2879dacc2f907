// A server-rendered line chart with a shaded area (SVG, no client JavaScript) for a value over
// time — sales per day, earnings per day. Values are formatted by the caller (money in cents,
// counts), the summary is spoken by screen readers, and a visually hidden table carries every
// point for anyone who cannot see the line.
export type TPoint = { label: string; value: number };

export function LineChart({
  points,
  title,
  note,
  format = (v) => String(v),
  height = 200,
}: {
  points: TPoint[];
  title: string;
  /** A line under the title, e.g. which clock the periods are read on. */
  note?: string;
  /** How a value reads on the axis, in tooltips and in the spoken summary. */
  format?: (value: number) => string;
  height?: number;
}) {
  const width = 960;
  const pad = { top: 14, right: 36, bottom: 28, left: 72 };
  const innerW = width - pad.left - pad.right;
  const innerH = height - pad.top - pad.bottom;
  const max = Math.max(1, ...points.map((p) => p.value));
  const step = points.length > 1 ? innerW / (points.length - 1) : 0;
  const x = (i: number) => pad.left + (points.length > 1 ? i * step : innerW / 2);
  const y = (v: number) => pad.top + innerH - (v / max) * innerH;
  const line = points.map((p, i) => `${i === 0 ? "M" : "L"}${x(i).toFixed(1)},${y(p.value).toFixed(1)}`).join(" ");
  const area = points.length
    ? `${line} L${x(points.length - 1).toFixed(1)},${pad.top + innerH} L${x(0).toFixed(1)},${pad.top + innerH} Z`
    : "";
  const total = points.reduce((s, p) => s + p.value, 0);
  const peak = points.reduce<TPoint | null>((best, p) => (!best || p.value > best.value ? p : best), null);
  const every = Math.max(1, Math.ceil(points.length / 7));
  const ticks = [0, max / 2, max];
  return (
    <figure className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <figcaption className="mb-2 text-sm font-medium text-slate-700">
        {title}
        {note ? <span className="block text-xs font-normal text-slate-600">{note}</span> : null}
      </figcaption>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        className="h-auto w-full"
        role="img"
        aria-label={`${title}: ${format(total)} in total over ${points.length} periods${peak ? `, highest ${format(peak.value)} on ${peak.label}` : ""}.`}
      >
        {ticks.map((t) => (
          <g key={t}>
            <line x1={pad.left} x2={width - pad.right} y1={y(t)} y2={y(t)} className="stroke-slate-200" />
            <text x={pad.left - 8} y={y(t) + 4} textAnchor="end" className="fill-slate-600 text-[12px]">
              {format(Math.round(t))}
            </text>
          </g>
        ))}
        <path d={area} className="fill-brand-500/15" />
        <path d={line} fill="none" className="stroke-brand-700" strokeWidth={2.5} strokeLinejoin="round" />
        {points.map((p, i) => (
          <g key={p.label}>
            <circle cx={x(i)} cy={y(p.value)} r={points.length > 45 ? 2 : 3.5} className="fill-brand-700">
              <title>{`${p.label}: ${format(p.value)}`}</title>
            </circle>
            {i % every === 0 || i === points.length - 1 ? (
              <text
                x={x(i)}
                y={height - 8}
                textAnchor={i === points.length - 1 && points.length > 1 ? "end" : "middle"}
                className="fill-slate-600 text-[12px]"
              >
                {p.label}
              </text>
            ) : null}
          </g>
        ))}
      </svg>
      <table className="sr-only">
        <caption>{title}</caption>
        <tbody>
          {points.map((p) => (
            <tr key={p.label}>
              <th scope="row">{p.label}</th>
              <td>{format(p.value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
