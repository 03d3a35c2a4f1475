/**
 * An error thrown in the worker, re-raised on the page: structured cloning keeps only name and message,
 * so `name` is the original class's (e.g. `DemoInputError`, `UrlFileError`) and the page shows it as such.
 */
export class WorkerJobError extends Error {
  override readonly name: string;

  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}
