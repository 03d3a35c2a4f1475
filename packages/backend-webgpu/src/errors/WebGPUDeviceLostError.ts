/** The GPU device was lost (driver reset, `device.destroy()`, tab backgrounded for too long…). */
export class WebGPUDeviceLostError extends Error {
  override name = 'WebGPUDeviceLostError';
  readonly reason: string;

  constructor(message: string, reason: string) {
    super(message);
    this.reason = reason;
  }
}
