import type { ByteSource } from '../io/ByteSource.js';

/**
 * A resolved repository file. It is itself a ByteSource (reads go to `source`), so it can be handed straight
 * to a checkpoint reader; `path` is the local file (a cache snapshot or a directory's file) when there is one.
 */
export class ResolvedModelFile implements ByteSource {
  readonly size: number;
  readonly name: string;

  constructor(
    readonly source: ByteSource,
    readonly path?: string,
    /** The commit the revision resolved to (hub files); pass it as `revision` to skip later requests. */
    readonly commitHash?: string,
  ) {
    this.size = source.size;
    this.name = source.name ?? path ?? 'model file';
  }

  read(offset: number, length: number): Promise<Uint8Array> {
    return this.source.read(offset, length);
  }

  async close(): Promise<void> {
    await this.source.close?.();
  }
}
