// A small seeded generator (mulberry32), so a simulation started with the same seed makes the
// same choices — handy when a log line needs explaining.
export type TRandom = { next: () => number; pick: <T>(xs: readonly T[]) => T; sample: <T>(xs: readonly T[], n: number) => T[] };

export function createRandom(seed: number): TRandom {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    pick: (xs) => {
      if (xs.length === 0) throw new RangeError("pick from an empty list");
      return xs[Math.floor(next() * xs.length)] as (typeof xs)[number];
    },
    sample: (xs, n) => {
      const copy = [...xs];
      for (let i = copy.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [copy[i], copy[j]] = [copy[j] as (typeof copy)[number], copy[i] as (typeof copy)[number]];
      }
      return copy.slice(0, Math.max(0, n));
    },
  };
}
