export { describeParity, type ParityOptions } from './describeParity.js';
export { TOLERANCES, type ToleranceGroup, type ToleranceSet, toleranceGroup, tolerancesFor } from './tolerances.js';
export { type Comparison, compareTensors, top1Disagreements } from './compareTensors.js';
export { type AltCLIPFixture, type ExpectedTensorInfo, type FixtureLoader, defaultFixtureLoader, fixtureUrl, loadFixture } from './loadFixture.js';
export { ReferenceBackend, createReferenceBackend } from './reference/ReferenceBackend.js';
export { type FixtureTowerInputs, fixtureTowerInputs } from './fixtureTowerInputs.js';
