/** One measured figure, as `npm run bench -- --json` prints it (one JSON object per line). */
export interface Figure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  /** The same measure for the reference implementation, in the same run. */
  readonly baseline: number | null;
  /** value / baseline (or as the figure defines it). */
  readonly ratio: number | null;
  readonly [extra: string]: unknown;
}

/** A bench module: runs its measurements and returns their figures. */
export type Bench = () => Promise<Figure[]>;

/** The middle value: robust to the odd run disturbed by other work on the machine. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/**
 * Rates of a subject and its baseline, measured in pairs: warmed once each,
 * then `pairs` short back-to-back runs, the order alternating so neither
 * always meets a warmer machine. The ratio is the median of per-pair ratios:
 * this machine's speed drifts over seconds, and a pair's two runs share it.
 */
export async function pairedRatio(
  baseline: () => Promise<number>,
  subject: () => Promise<number>,
  pairs: number,
): Promise<{ ratio: number; baseline: number; subject: number }> {
  await baseline();
  await subject();
  const baselines: number[] = [];
  const subjects: number[] = [];
  const ratios: number[] = [];
  for (let i = 0; i < pairs; i++) {
    let b: number;
    let s: number;
    if (i % 2 === 0) {
      b = await baseline();
      s = await subject();
    } else {
      s = await subject();
      b = await baseline();
    }
    baselines.push(b);
    subjects.push(s);
    ratios.push(s / b);
  }
  return { ratio: median(ratios), baseline: median(baselines), subject: median(subjects) };
}
