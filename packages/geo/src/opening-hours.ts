// "Is this merchant open at instant t?" as SQL, read in the merchant's own timezone: weekly slots
// (a slot whose closing time is before its opening time runs past midnight into the next day),
// minus closures, minus a pause that has not yet ended. Every fragment expects the merchant row
// under the alias `m`.
import { sql } from "drizzle-orm";
import type { SQL } from "drizzle-orm";

/** The weekly hours cover instant `t` (timestamptz) in `m.timezone`. */
export function openByHours(t: SQL): SQL {
  // Weekdays are cast to smallint so the (merchant_id, weekday, opens_at) index serves the lookup.
  return sql`exists (
    select 1
    from (select (${t}) at time zone m.timezone as lt) l
    join merchant_hours h on h.merchant_id = m.id
      and h.weekday in (extract(isodow from l.lt)::smallint, extract(isodow from l.lt - interval '1 day')::smallint)
    where (h.weekday = extract(isodow from l.lt)::smallint
            and l.lt::time >= h.opens_at
            and (h.closes_at < h.opens_at or l.lt::time < h.closes_at))
       or (h.weekday = extract(isodow from l.lt - interval '1 day')::smallint
            and h.closes_at < h.opens_at
            and l.lt::time < h.closes_at))`;
}

/** No closure of `m` is in force at `t`. */
export const notInClosure = (t: SQL): SQL =>
  sql`not exists (select 1 from merchant_closures mc where mc.merchant_id = m.id and mc.starts_at <= (${t}) and mc.ends_at > (${t}))`;

/** `m` is not paused at `t`; a pause ends by itself at paused_until. */
export const notPaused = (t: SQL): SQL => sql`not (m.availability = 'paused' and m.paused_until > (${t}))`;

/** Open for orders at `t`: within hours, no closure, not paused. */
export const openAt = (t: SQL): SQL => sql`(${openByHours(t)} and ${notInClosure(t)} and ${notPaused(t)})`;

/**
 * The first instant after `at` at which `m` is open, or null if none within a week of the last
 * closure or pause it is waiting out. Candidates are slot openings over the next eight local
 * days counted from `at`, from each closure's end and from the pause's end, plus those ends
 * themselves (a closure can end in the middle of a slot); the earliest candidate that passes
 * `openAt` wins.
 */
export function nextOpeningAfter(at: SQL): SQL {
  return sql`(
    with bases as (
      select (${at})::timestamptz as b
      union all select mc.ends_at from merchant_closures mc where mc.merchant_id = m.id and mc.ends_at > (${at})
      union all select m.paused_until where m.availability = 'paused' and m.paused_until > (${at})
    ),
    candidates as (
      select b as t from bases
      union all
      select (((b at time zone m.timezone)::date + d) + h.opens_at) at time zone m.timezone
      from bases
      cross join generate_series(0, 7) as d
      join merchant_hours h on h.merchant_id = m.id
        and h.weekday = extract(isodow from (b at time zone m.timezone)::date + d)::smallint
    )
    select min(cand.t) from candidates cand
    where cand.t > (${at}) and ${openAt(sql`cand.t`)}
  )`;
}
