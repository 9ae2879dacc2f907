"use client";
// The order so far, beside the menu: what is in the server-side cart, its subtotal, and the way
// to checkout. Another restaurant's cart is named, not hidden.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";

import { useTRPC } from "@lastmile/api/react";
import { formatMoney } from "@lastmile/ui/format";

export function CartPanel({ signedIn, merchantId, slug }: { signedIn: boolean; merchantId: string; slug: string }) {
  const trpc = useTRPC();
  const cart = useQuery({ ...trpc.cart.get.queryOptions(), enabled: signedIn });
  const box = "rounded-xl border border-slate-200 bg-white p-4 shadow-sm";

  if (!signedIn) {
    return (
      <div className={box}>
        <h2 className="font-semibold text-slate-900">Your order</h2>
        <p className="mt-2 text-sm text-slate-600">
          <Link href={`/sign-in?callbackUrl=${encodeURIComponent(`/m/${slug}`)}`} className="font-medium text-brand-800 underline">
            Sign in
          </Link>{" "}
          to add dishes and order.
        </p>
      </div>
    );
  }
  if (cart.isPending) return <div className={`${box} text-sm text-slate-600`}>Loading your order…</div>;
  if (cart.isError) {
    return (
      <div className={box} role="alert">
        <h2 className="font-semibold text-slate-900">Your order</h2>
        <p className="mt-2 text-sm text-red-700">{cart.error.message}</p>
        <Link href="/checkout" className="mt-2 inline-block text-sm font-medium text-brand-800 underline">
          Review your cart
        </Link>
      </div>
    );
  }
  const c = cart.data;
  const items = c.lines.reduce((n, l) => n + l.quantity, 0);
  return (
    <div className={box}>
      <h2 className="font-semibold text-slate-900">Your order</h2>
      <div aria-live="polite">
        {c.lines.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">Your cart is empty. Choose a dish to start.</p>
        ) : c.merchantId !== merchantId ? (
          <p className="mt-2 text-sm text-slate-700">
            Your cart has {items} {items === 1 ? "item" : "items"} from <strong>{c.merchantName}</strong>. Adding a dish here
            starts a new cart.
          </p>
        ) : (
          <>
            <ul className="mt-3 space-y-2 text-sm" aria-label="Items in your cart">
              {c.lines.map((l) => (
                <li key={l.lineId} className="flex justify-between gap-3">
                  <span>
                    <span className="font-medium">{l.quantity}×</span> {l.name}
                    {l.modifiers.length ? <span className="block text-xs text-slate-600">{l.modifiers.map((m) => m.name).join(", ")}</span> : null}
                  </span>
                  <span className="shrink-0">{formatMoney(l.lineTotalCents)}</span>
                </li>
              ))}
            </ul>
            <p className="mt-3 flex justify-between border-t border-slate-200 pt-3 font-semibold">
              <span>Subtotal</span>
              <span>{formatMoney(c.subtotalCents)}</span>
            </p>
          </>
        )}
      </div>
      {c.lines.length > 0 ? (
        <Link href="/checkout" className="mt-4 flex w-full justify-center rounded-lg bg-brand-700 px-4 py-2.5 font-semibold text-white hover:bg-brand-900">
          Go to checkout ({items})
        </Link>
      ) : null}
    </div>
  );
}
