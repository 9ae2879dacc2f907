// Progress lines for long seeding: step number, what it did, and how long it took.
export type TProgress = (line: string) => void;

export function createSteps(total: number, log: TProgress) {
  let n = 0;
  const started = Date.now();
  return {
    async step<T>(
      label: string,
      run: () => Promise<T>,
      describe: (result: T) => string,
    ): Promise<T> {
      n += 1;
      const t = Date.now();
      log(`seed: [${n}/${total}] ${label} …`);
      const result = await run();
      log(
        `seed: [${n}/${total}] ${label}: ${describe(result)} (${((Date.now() - t) / 1000).toFixed(1)} s)`,
      );
      return result;
    },
    elapsedS: () => (Date.now() - started) / 1000,
  };
}
