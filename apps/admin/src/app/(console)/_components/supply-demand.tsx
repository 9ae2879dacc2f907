// Supply against demand per zone, right now: couriers on duty standing in the zone beside the
// orders still open there. A zone with more orders than couriers is called out in words, not
// only in colour, so the pressure reads without the bars.
export function SupplyDemand({ zones }: { zones: { zoneId: string; zoneName: string; active: boolean; couriers: number; openOrders: number }[] }) {
  const max = Math.max(1, ...zones.flatMap((z) => [z.couriers, z.openOrders]));
  return (
    <figure className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <figcaption className="mb-3 flex flex-wrap items-baseline justify-between gap-3">
        <span className="text-sm font-medium text-slate-700">Couriers against open orders, per zone (now)</span>
        <span className="flex gap-3 text-xs text-slate-600">
          <span className="inline-flex items-center gap-1">
            <span aria-hidden className="size-2.5 rounded-sm bg-sky-600" /> Couriers on duty
          </span>
          <span className="inline-flex items-center gap-1">
            <span aria-hidden className="size-2.5 rounded-sm bg-amber-500" /> Open orders
          </span>
        </span>
      </figcaption>
      {zones.length === 0 ? (
        <p className="text-sm text-slate-600">No zones in your area.</p>
      ) : (
        <ul className="space-y-3">
          {zones.map((z) => {
            const short = z.openOrders > z.couriers;
            return (
              <li key={z.zoneId} aria-label={`${z.zoneName}: ${z.couriers} couriers, ${z.openOrders} open orders${short ? ", short of couriers" : ""}${z.active ? "" : ", switched off"}`}>
                <div className="flex items-baseline justify-between gap-3 text-sm">
                  <span className="font-medium text-slate-900">
                    {z.zoneName}
                    {z.active ? null : <span className="ml-2 text-xs font-normal text-slate-500">switched off</span>}
                  </span>
                  <span className={`tabular-nums ${short ? "font-semibold text-rose-800" : "text-slate-700"}`}>
                    {z.couriers} couriers · {z.openOrders} orders{short ? " · short" : ""}
                  </span>
                </div>
                <div aria-hidden className="mt-1 space-y-1">
                  <div className="h-2 rounded-full bg-slate-100">
                    <div className="h-2 rounded-full bg-sky-600" style={{ width: `${(z.couriers / max) * 100}%` }} />
                  </div>
                  <div className="h-2 rounded-full bg-slate-100">
                    <div className="h-2 rounded-full bg-amber-500" style={{ width: `${(z.openOrders / max) * 100}%` }} />
                  </div>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </figure>
  );
}
