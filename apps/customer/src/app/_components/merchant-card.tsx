import type { TMerchantCard } from "@lastmile/api";
import { Badge } from "@lastmile/ui/badge";
import { formatDistance } from "@lastmile/ui/format";

export function MerchantCard({ merchant: m }: { merchant: TMerchantCard }) {
  return (
    <article className="flex h-full flex-col rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <div className="flex items-start justify-between gap-3">
        <h2 className="text-lg font-semibold leading-snug text-slate-900">{m.name}</h2>
        <span
          className="shrink-0 text-sm text-slate-500"
          aria-label={`Price level ${m.priceLevel} of 4`}
        >
          {"€".repeat(m.priceLevel)}
        </span>
      </div>
      <p className="mt-1 line-clamp-2 text-sm text-slate-600">{m.description}</p>
      <div className="mt-3 flex flex-wrap gap-1.5">
        {m.cuisines.map((c) => (
          <Badge key={c}>{c}</Badge>
        ))}
      </div>
      <dl className="mt-auto flex flex-wrap items-center gap-x-4 gap-y-1 pt-4 text-sm whitespace-nowrap text-slate-700">
        <div>
          <dt className="sr-only">Rating</dt>
          <dd>
            {m.rating !== null ? (
              <>
                ★ {m.rating.toFixed(1)} <span className="text-slate-500">({m.ratingCount})</span>
              </>
            ) : (
              "New"
            )}
          </dd>
        </div>
        <div>
          <dt className="sr-only">Distance</dt>
          <dd>{formatDistance(m.distanceM)}</dd>
        </div>
        <div>
          <dt className="sr-only">Preparation time</dt>
          <dd>~{m.prepTimeMin} min prep</dd>
        </div>
      </dl>
      <p className="mt-1 truncate text-xs text-slate-500">{m.zoneName}</p>
    </article>
  );
}
