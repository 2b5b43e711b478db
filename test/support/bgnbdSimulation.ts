/**
 * A seeded simulator of the BG/NBD purchase process (Fader, Hardie & Lee 2005, §3) and of
 * Gamma-Gamma spends, for parameter-recovery tests and the benchmark:
 *
 * - each customer's purchase rate λ ~ Gamma(shape r, rate α) and dropout probability p ~ Beta(a, b);
 * - after the first purchase at time 0, purchases follow a Poisson process with rate λ; after each
 *   repeat purchase the customer drops out with probability p (so dropout happens only right after
 *   a purchase, and a customer with no repeat purchase is alive);
 * - customers arrive on whole days spread uniformly over `cohortWeeks` and are observed until
 *   `calibrationWeeks`, so T is a whole number of days (in weeks, days/7); the last purchase's time
 *   is recorded as its day, as an order log records it (so many customers share a history);
 * - spend: ν ~ Gamma(q, rate v) per customer, each purchase value ~ Gamma(p, rate ν); z̄ is the mean
 *   of the repeat purchases' values.
 *
 * Random numbers: mulberry32, the sample generator's (fully determined by the seed), gamma variates by
 * Marsaglia & Tsang (2000), betas from two gammas.
 */
import { mulberry32 } from "../../src/sample/sampleCustomers";

export interface SimulatedCustomers {
  readonly x: Float64Array;
  readonly tx: Float64Array;
  readonly T: Float64Array;
  readonly zbar: Float64Array;
}

export interface SimulationSettings {
  readonly customers: number;
  readonly seed: number;
  readonly r: number;
  readonly alpha: number;
  readonly a: number;
  readonly b: number;
  readonly p?: number;
  readonly q?: number;
  readonly v?: number;
  readonly cohortWeeks?: number;
  readonly calibrationWeeks?: number;
}

/**
 * Uniform numbers in (0, 1) from the sample generator's mulberry32, moved half a step up so 0 never
 * comes out (safe under log): (k + 0.5) / 2³², exact in doubles.
 */
export function uniformGenerator(seed: number): () => number {
  const next = mulberry32(seed);
  return () => next() + 0.5 / 4294967296;
}

function normal(uniform: () => number): number {
  return Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}

/** Gamma(shape, rate 1) by Marsaglia & Tsang; shape < 1 by the U^(1/shape) boost. */
export function gammaVariate(shape: number, uniform: () => number): number {
  if (shape < 1) return gammaVariate(shape + 1, uniform) * Math.pow(uniform(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let z: number;
    let v: number;
    do {
      z = normal(uniform);
      v = 1 + c * z;
    } while (v <= 0);
    v = v * v * v;
    const u = uniform();
    if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) return d * v;
  }
}

export function simulateCustomers(settings: SimulationSettings): SimulatedCustomers {
  const { customers, r, alpha, a, b } = settings;
  const p = settings.p ?? 6;
  const q = settings.q ?? 4;
  const v = settings.v ?? 15;
  const cohortDays = Math.round((settings.cohortWeeks ?? 12) * 7);
  const calibrationDays = Math.round((settings.calibrationWeeks ?? 39) * 7);
  const uniform = uniformGenerator(settings.seed);
  const x = new Float64Array(customers);
  const tx = new Float64Array(customers);
  const T = new Float64Array(customers);
  const zbar = new Float64Array(customers);
  for (let i = 0; i < customers; i++) {
    const firstDay = Math.floor(uniform() * cohortDays);
    const ageWeeks = (calibrationDays - firstDay) / 7;
    const rate = gammaVariate(r, uniform) / alpha; // per week
    const ga = gammaVariate(a, uniform);
    const dropout = ga / (ga + gammaVariate(b, uniform));
    const nu = gammaVariate(q, uniform) / v;
    let time = 0;
    let last = 0;
    let repeats = 0;
    let spend = 0;
    for (;;) {
      time += -Math.log(uniform()) / rate;
      if (!(time < ageWeeks)) break;
      repeats++;
      last = time;
      spend += gammaVariate(p, uniform) / nu;
      if (uniform() < dropout) break;
    }
    x[i] = repeats;
    tx[i] = Math.round(last * 7) / 7; // the nearest day of the last purchase, as an order log records it
    T[i] = ageWeeks;
    zbar[i] = repeats > 0 ? spend / repeats : 0;
  }
  return { x, tx, T, zbar };
}
