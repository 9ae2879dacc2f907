// Search and filters as a plain GET form: the page renders on the server for whatever the URL
// says, so results are shareable, survive reloads, and work before any script has loaded.
import Link from "next/link";

type TValues = { search?: string; cuisine?: string; maxPriceLevel?: number; minRating?: number; openOnly: boolean; freeDelivery: boolean };

const control =
  "block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-base text-slate-900 shadow-sm focus:border-brand-600";
const label = "mb-1 block text-sm font-medium text-slate-800";

export function DiscoveryFilters({ cuisines, values }: { cuisines: string[]; values: TValues }) {
  const any = Boolean(values.search || values.cuisine || values.maxPriceLevel || values.minRating || values.openOnly || values.freeDelivery);
  return (
    <form
      role="search"
      aria-label="Find restaurants"
      action="/"
      className="mb-6 grid gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-2 lg:grid-cols-[2fr_1fr_1fr_1fr_auto]"
    >
      <div className="sm:col-span-2 lg:col-span-1">
        <label htmlFor="q" className={label}>
          Search
        </label>
        <input
          id="q"
          name="q"
          type="search"
          defaultValue={values.search}
          placeholder="Restaurant, cuisine or dish"
          className={control}
          maxLength={100}
        />
      </div>
      <div>
        <label htmlFor="cuisine" className={label}>
          Cuisine
        </label>
        <select id="cuisine" name="cuisine" defaultValue={values.cuisine ?? ""} className={control}>
          <option value="">Any cuisine</option>
          {cuisines.map((c) => (
            <option key={c} value={c}>
              {c[0]?.toUpperCase()}
              {c.slice(1)}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="price" className={label}>
          Price
        </label>
        <select id="price" name="price" defaultValue={values.maxPriceLevel?.toString() ?? ""} className={control}>
          <option value="">Any price</option>
          <option value="1">€ only</option>
          <option value="2">Up to €€</option>
          <option value="3">Up to €€€</option>
        </select>
      </div>
      <div>
        <label htmlFor="rating" className={label}>
          Rating
        </label>
        <select id="rating" name="rating" defaultValue={values.minRating?.toString() ?? ""} className={control}>
          <option value="">Any rating</option>
          <option value="4">4★ and up</option>
          <option value="3">3★ and up</option>
        </select>
      </div>
      <div className="flex flex-wrap items-end gap-3 sm:col-span-2 lg:col-span-1">
        <label className="flex items-center gap-2 py-2 text-sm font-medium text-slate-800">
          <input type="checkbox" name="open" value="1" defaultChecked={values.openOnly} className="size-4 accent-brand-700" />
          Open now
        </label>
        <label className="flex items-center gap-2 py-2 text-sm font-medium text-slate-800">
          <input type="checkbox" name="free" value="1" defaultChecked={values.freeDelivery} className="size-4 accent-brand-700" />
          Free delivery
        </label>
        <button type="submit" className="rounded-lg bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-900">
          Search
        </button>
        {any ? (
          <Link href="/" className="py-2 text-sm font-medium text-brand-800 underline">
            Clear
          </Link>
        ) : null}
      </div>
    </form>
  );
}
