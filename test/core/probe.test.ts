import { fitBgnbd } from "../../src/core/bgnbdFit";
import { simulateCustomers } from "../support/bgnbdSimulation";
it("probe", () => {
  for (const [seed, r, weeks] of [[1, 0.25, 52], [2, 0.25, 52], [1, 0.5, 78], [2, 0.5, 78]]) {
  const sim = simulateCustomers({ customers: 100000, seed, r, alpha: 4, a: 0.8, b: 2.5, calibrationWeeks: weeks });
  const fit = fitBgnbd(sim) as any;
  const rel = (k: string, t: number) => ((fit.parameters[k]/t-1)*100).toFixed(2) + "% (" + (fit.standardErrors[k]/t*100).toFixed(2) + ")";
  console.log(seed, r, weeks, fit.distinctHistories, rel("r", r), rel("alpha", 4), rel("a", 0.8), rel("b", 2.5));
  }
});
