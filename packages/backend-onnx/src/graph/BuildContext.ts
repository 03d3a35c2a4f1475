import type { WeightReader } from '../weights/WeightReader.js';
import type { GraphBuilder } from './GraphBuilder.js';
import type { TowerBuildOptions } from './TowerBuildOptions.js';

/** What every graph-building function needs: the graph, the weights and the options. */
export interface BuildContext {
  readonly g: GraphBuilder;
  readonly weights: WeightReader;
  readonly options: TowerBuildOptions;
}
