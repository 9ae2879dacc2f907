import Link from "next/link";

import type { RouterOutputs } from "@lastmile/api";
import { Badge } from "@lastmile/ui/badge";
import { formatMoney } from "@lastmile/ui/format";

import { describeOpening } from "~/lib/opening";

type TCard = RouterOutputs["catalog"]["merchantsDeliveringTo"]["items"][number];

export function MerchantCard({ merchant: m }: { merchant: TCard }) {
  const closed = !m.openNow;
  return (
    <Link
      href={`/m/${m.slug}`}
      className={`group flex h-full flex-col rounded-xl border border-slate-200 bg-white p-4 shadow-sm transition hover:border-brand-600 hover:shadow focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700 ${closed ? "bg-slate-50" : ""}`}
    >
      <div className="flex items-start justify-between gap-3">
        <h2 className="text-lg leading-snug font-semibold text-slate-900 group-hover:text-brand-800">{m.name}</h2>
        <span className="shrink-0 text-sm text-slate-600">
          <span aria-hidden>{"€".repeat(m.priceLevel)}</span>
          <span className="sr-only">Price level {m.priceLevel} of 4</span>
        </span>
      </div>
      <p className="mt-1 line-clamp-2 text-sm text-slate-600">{m.description}</p>
      <div className="mt-3 flex flex-wrap gap-1.5">
        {m.cuisines.map((c) => (
          <Badge key={c}>{c}</Badge>
        ))}
        {m.availability === "busy" && m.openNow ? <Badge tone="warn">Busy kitchen</Badge> : null}
      </div>
      <dl className="mt-auto flex flex-wrap items-center gap-x-4 gap-y-1 pt-4 text-sm whitespace-nowrap text-slate-700">
        <div>
          <dt className="sr-only">Rating</dt>
          <dd>
            {m.rating !== null ? (
              <>
                <span aria-hidden>★</span> {m.rating.toFixed(1)}
                <span className="sr-only"> out of 5</span> <span className="text-slate-500">({m.ratingCount})</span>
              </>
            ) : (
              "New"
            )}
          </dd>
        </div>
        <div>
          <dt className="sr-only">Delivery time</dt>
          <dd>{m.etaMin} min</dd>
        </div>
        <div>
          <dt className="sr-only">Delivery fee</dt>
          <dd>{formatMoney(m.deliveryFeeCents, m.currency)} delivery</dd>
        </div>
        {m.freeDeliveryOverCents !== null ? (
          <div>
            <dt className="sr-only">Offer</dt>
            <dd className="font-medium text-brand-800">Free delivery over {formatMoney(m.freeDeliveryOverCents, m.currency).replace(/\.00$/, "")}</dd>
          </div>
        ) : null}
      </dl>
      {closed ? (
        <p className="mt-2 text-sm font-medium text-amber-800">
          Closed · {describeOpening(m.nextOpensAt, m.timezone)}
          {m.nextOpensAt ? <span className="block font-normal text-slate-700">Order now for later</span> : null}
        </p>
      ) : null}
    </Link>
  );
}
