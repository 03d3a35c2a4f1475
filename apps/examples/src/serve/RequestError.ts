/** A request the server refuses: answered with `status` and `{error: message}`, never thrown further. */
export class RequestError extends Error {
  override name = 'RequestError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}
