/** Download progress of one repository file: `loaded` of `total` bytes (a resumed download starts above 0). */
export interface HubProgress {
  readonly file: string;
  readonly loaded: number;
  readonly total: number;
}
