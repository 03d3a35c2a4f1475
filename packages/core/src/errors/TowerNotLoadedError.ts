/**
 * A method needs a tower the model was loaded without (`AltCLIPModel.fromPretrained(x, { towers: ['text'] })`
 * has no vision tower, so `getImageFeatures` and `forward` cannot run). Names the method and the tower.
 */
export class TowerNotLoadedError extends Error {
  override name = 'TowerNotLoadedError';
  readonly tower: 'text' | 'vision';
  readonly method: string;

  constructor(method: string, tower: 'text' | 'vision') {
    super(`AltCLIPModel.${method} needs the ${tower} tower, but the model was loaded with towers: ['${tower === 'text' ? 'vision' : 'text'}']; load it with towers: ['text', 'vision'] (the default) or add '${tower}'`);
    this.tower = tower;
    this.method = method;
  }
}
