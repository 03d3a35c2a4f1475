/** Something the user entered or picked cannot be used; the message names the field and what it needs. */
export class DemoInputError extends Error {
  override name = 'DemoInputError';
}
