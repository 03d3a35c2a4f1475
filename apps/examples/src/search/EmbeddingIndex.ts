import { existsSync } from 'node:fs';
import { appendFile, readFile, truncate, writeFile } from 'node:fs/promises';
import { CliError } from '../cli/CliError.js';

export const INDEX_FORMAT = 'altclip-index/1';

export interface IndexHeader {
  format: typeof INDEX_FORMAT;
  /** The model folder or hub id the embeddings came from (search must use the same one). */
  model: string;
  /** Image folder, as given to `index`; entry paths are relative to it. */
  folder: string;
  dim: number;
  /** Weight dtype the images were embedded with; search embeds its query the same way. Absent in files from before it was recorded: fp32. */
  dtype?: string;
}

export interface IndexEntry {
  file: string;
  /** L2-normalised image embedding. */
  embedding: Float32Array;
}

/**
 * JSON Lines: a header line, then one line per image with its embedding as base64 float32. Appending
 * line by line makes an interrupted `index` resumable: it re-reads the lines and skips their files.
 */
export class EmbeddingIndex {
  constructor(
    readonly path: string,
    readonly header: IndexHeader,
    readonly entries: IndexEntry[],
  ) {}

  static async open(path: string): Promise<EmbeddingIndex> {
    if (!existsSync(path)) throw new CliError(`${path}: no such index file`);
    const text = await readFile(path, 'utf8');
    const lines = text.split('\n');
    let header: IndexHeader;
    try {
      header = JSON.parse(lines[0]);
    } catch {
      throw new CliError(`${path}: not an altclip index (line 1 is not JSON)`);
    }
    if (header.format !== INDEX_FORMAT) throw new CliError(`${path}: not an altclip index (format ${JSON.stringify(header.format)}, expected "${INDEX_FORMAT}")`);
    const entries: IndexEntry[] = [];
    for (let i = 1; i < lines.length; i++) {
      if (!lines[i].trim()) continue;
      let row: { file: string; embedding: string };
      try {
        row = JSON.parse(lines[i]);
      } catch {
        // A line cut by an interrupted run: everything before it is intact. Drop the cut tail so the
        // resumed run appends whole lines; its image is embedded again.
        if (i === lines.length - 1 || lines.slice(i + 1).every((l) => !l.trim())) {
          await truncate(path, Buffer.byteLength(lines.slice(0, i).join('\n')) + 1);
          break;
        }
        throw new CliError(`${path}: line ${i + 1} is not valid JSON`);
      }
      const bytes = Buffer.from(row.embedding, 'base64');
      const embedding = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
      if (embedding.length !== header.dim) throw new CliError(`${path}: line ${i + 1} has ${embedding.length} values, expected ${header.dim}`);
      entries.push({ file: row.file, embedding });
    }
    return new EmbeddingIndex(path, header, entries);
  }

  static async create(path: string, header: IndexHeader): Promise<EmbeddingIndex> {
    await writeFile(path, `${JSON.stringify(header)}\n`);
    return new EmbeddingIndex(path, header, []);
  }

  async append(entries: readonly IndexEntry[]): Promise<void> {
    const text = entries
      .map((e) => JSON.stringify({ file: e.file, embedding: Buffer.from(e.embedding.buffer, e.embedding.byteOffset, e.embedding.byteLength).toString('base64') }))
      .join('\n');
    if (text) await appendFile(this.path, `${text}\n`);
    this.entries.push(...entries);
  }
}
