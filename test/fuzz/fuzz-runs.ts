import fc from 'fast-check';

/** Fixed unless FUZZ_SEED says otherwise, so a failure replays; fast-check prints seed and path on failure. */
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20260110);

/** FUZZ_SCALE=0.1 for a quick local run; the suite's 10,000+ inputs are at 1. */
const SCALE = Number(process.env.FUZZ_SCALE ?? 1);

export function runs(n: number): number {
  return Math.max(1, Math.round(n * SCALE));
}

/**
 * Runs an async property over generated inputs one at a time (the server sees them in order, as a
 * hostile client would send them) and counts the inputs by kind, to report what was covered.
 */
export async function fuzz<T extends { kind: string }>(
  arbitrary: fc.Arbitrary<T>,
  options: { numRuns: number; seed: number; kinds: Map<string, number> },
  check: (input: T) => Promise<void>,
): Promise<void> {
  const { kinds, seed } = options;
  await fc.assert(
    fc.asyncProperty(arbitrary, async (input) => {
      kinds.set(input.kind, (kinds.get(input.kind) ?? 0) + 1);
      await check(input);
    }),
    { seed, numRuns: runs(options.numRuns), endOnFailure: true },
  );
}
