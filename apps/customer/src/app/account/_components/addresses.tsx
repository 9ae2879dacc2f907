"use client";
// Saved addresses on a map: deliver to one, remove one, or save the address currently chosen.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";

import { useTRPC } from "@lastmile/api/react";
import { Button, Field, FormAlert } from "@lastmile/ui/form";

import { chooseDropoff } from "~/app/_actions/dropoff";
import { Map } from "~/app/_components/map";
import type { TDropoffChoice } from "~/lib/dropoff";

export function Addresses({ current, mapboxToken }: { current: TDropoffChoice | null; mapboxToken?: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const addresses = useQuery(trpc.me.addresses.queryOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.me.addresses.queryKey() });
  const remove = useMutation(trpc.me.removeAddress.mutationOptions({ onSuccess: refresh }));
  const add = useMutation(trpc.me.addAddress.mutationOptions({ onSuccess: refresh }));
  const [label, setLabel] = useState("Home");
  const [line1, setLine1] = useState(current && !current.addressId ? current.label : "");

  const list = useMemo(() => addresses.data ?? [], [addresses.data]);
  const markers = useMemo(
    () => list.map((a) => ({ id: a.id, at: a.location.coordinates, label: `${a.label}: ${a.line1}`, kind: "dropoff" as const })),
    [list],
  );

  return (
    <section aria-labelledby="addresses-h" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm lg:row-span-2">
      <h2 id="addresses-h" className="mb-3 text-lg font-semibold text-slate-900">
        Saved addresses
      </h2>
      {list.length > 0 ? (
        <Map label="Map of your saved addresses" center={list[0]?.location.coordinates ?? [-9.1393, 38.7139]} zoom={13} className="mb-4 h-56" markers={markers} fitTo={markers.map((m) => m.at)} mapboxToken={mapboxToken} />
      ) : null}
      <ul className="divide-y divide-slate-100" aria-label="Your addresses">
        {list.map((a) => (
          <li key={a.id} className="flex flex-wrap items-center justify-between gap-2 py-3">
            <div className="min-w-0">
              <p className="font-medium text-slate-900">{a.label}</p>
              <p className="text-sm text-slate-600">{[a.line1, a.line2, a.postcode, a.city].filter(Boolean).join(", ")}</p>
            </div>
            <div className="flex gap-2">
              <button
                type="button"
                className="rounded-lg px-2.5 py-1.5 text-sm font-medium text-brand-800 ring-1 ring-slate-300 hover:bg-brand-50"
                onClick={() =>
                  void chooseDropoff({ label: a.line1, lng: a.location.coordinates[0], lat: a.location.coordinates[1], addressId: a.id }).then(() => {
                    router.push("/");
                    router.refresh();
                  })
                }
              >
                Deliver here
              </button>
              <button
                type="button"
                className="rounded-lg px-2.5 py-1.5 text-sm font-medium text-red-800 ring-1 ring-slate-300 hover:bg-red-50"
                onClick={() => remove.mutate({ addressId: a.id })}
                disabled={remove.isPending}
              >
                Remove<span className="sr-only"> {a.label}</span>
              </button>
            </div>
          </li>
        ))}
      </ul>
      {list.length === 0 && !addresses.isPending ? <p className="text-sm text-slate-600">No saved addresses yet.</p> : null}
      {current && !current.addressId ? (
        <form
          className="mt-4 space-y-3 border-t border-slate-200 pt-4"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            add.mutate({ label, line1, city: "Lisboa", lng: current.lng, lat: current.lat });
          }}
        >
          <p className="text-sm font-medium text-slate-800">Save the address you are ordering to</p>
          <Field label="Name it" value={label} onChange={(e) => setLabel(e.target.value)} maxLength={40} />
          <Field label="Street and number" value={line1} onChange={(e) => setLine1(e.target.value)} autoComplete="address-line1" />
          {add.isError ? <FormAlert tone="error">{add.error.message}</FormAlert> : null}
          <Button type="submit" variant="secondary" className="w-auto" pending={add.isPending} pendingLabel="Saving…">
            Save address
          </Button>
        </form>
      ) : null}
    </section>
  );
}
