export { describeParity, type ParityOptions } from './describeParity.js';
export * from '../parity.js';
