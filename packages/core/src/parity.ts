// Runner-free parity entry: the fixture loader, the tolerance table, comparisons, the parity
// computations and the float64 reference backend, without vitest (used by the CLI's parity report).
export { TOLERANCES, type ToleranceGroup, type ToleranceSet, toleranceGroup, tolerancesFor } from './testing/tolerances.js';
export { type Comparison, compareTensors, cosineSimilarity, top1Disagreements } from './testing/compareTensors.js';
export {
  type AltCLIPFixture,
  type ExpectedTensorInfo,
  type FixtureLoader,
  FixtureNotFoundError,
  defaultFixtureLoader,
  fixtureDirectoryLoader,
  fixtureUrl,
  loadFixture,
} from './testing/loadFixture.js';
export { INPUT_TENSORS, ParityRun, type ParityRunOptions, parityTensorNames } from './testing/ParityRun.js';
export { ReferenceBackend, type ReferenceBackendOptions, createReferenceBackend } from './testing/reference/ReferenceBackend.js';
export { type FixtureTowerInputs, fixtureTowerInputs } from './testing/fixtureTowerInputs.js';
export { ParityTolerances } from './testing/ParityTolerances.js';
export { type Int8ErrorBound, type Int8ErrorBoundsOptions, SIGMAS, int8ErrorBounds } from './testing/int8/int8ErrorBounds.js';
export { Int8Simulation, type Int8SimulationMode, isLinearWeight } from './testing/int8/Int8Simulation.js';
export { type Int8Conformance, MAX_STEPPED_ITEMS, compareWithSimulation, simulationRun, steppedRowsAndColumns, top1AgainstSimulation } from './testing/int8/int8Conformance.js';
