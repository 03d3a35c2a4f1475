/** A one-line progress bar with rate and ETA, redrawn in place on a terminal and printed per step otherwise. */
export class ProgressBar {
  readonly #start = performance.now();
  #last = 0;

  constructor(
    readonly total: number,
    readonly write: (text: string) => void,
    readonly tty = Boolean(process.stderr.isTTY),
  ) {}

  update(done: number, startedAt = 0): void {
    const now = performance.now();
    if (done < this.total && now - this.#last < 250) return;
    this.#last = now;
    const elapsed = (now - this.#start) / 1000;
    const rate = (done - startedAt) / Math.max(elapsed, 1e-9);
    const eta = rate > 0 ? (this.total - done) / rate : Number.POSITIVE_INFINITY;
    const width = 30;
    const filled = Math.round((done / Math.max(this.total, 1)) * width);
    const line = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${this.total} ${rate.toFixed(2)} img/s ETA ${formatSeconds(eta)}`;
    this.write(this.tty ? `\r${line}${done >= this.total ? '\n' : ''}` : `${line}\n`);
  }
}

export function formatSeconds(s: number): string {
  if (!Number.isFinite(s)) return '?';
  const m = Math.floor(s / 60);
  return m > 0 ? `${m}m${String(Math.round(s % 60)).padStart(2, '0')}s` : `${s.toFixed(0)}s`;
}
