import { PassThrough, type Readable } from 'node:stream';
import { Zip, ZipPassThrough } from 'fflate';

/**
 * A ZIP written as it is sent: entries are stored, not compressed (photos and videos are
 * compressed already, and a stored entry is the file's very bytes), and each original is
 * streamed from storage through the archive to the client, so memory stays flat whatever the
 * size of the videos. The consumer's pace is respected: writing waits while the socket is full.
 */
export class StreamingZip {
  readonly output = new PassThrough();
  private readonly zip: Zip;

  constructor() {
    this.zip = new Zip((err, chunk, final) => {
      if (err) return void this.output.destroy(err);
      this.output.write(chunk);
      if (final) this.output.end();
    });
  }

  private async drained() {
    if (!this.output.writableNeedDrain) return;
    await new Promise<void>((resolve) => {
      const done = () => { this.output.off('drain', done); this.output.off('close', done); resolve(); };
      this.output.once('drain', done).once('close', done);
    });
    if (this.output.destroyed) throw new Error('The download was abandoned');
  }

  async addBytes(name: string, bytes: Uint8Array, mtime: Date) {
    const entry = new ZipPassThrough(name);
    entry.mtime = mtime;
    this.zip.add(entry);
    entry.push(bytes, true);
    await this.drained();
  }

  /** Streams `source` into one entry; `onChunk` sees every byte (to hash what is really sent). */
  async addStream(name: string, source: Readable, mtime: Date, onChunk: (chunk: Buffer) => void) {
    const entry = new ZipPassThrough(name);
    entry.mtime = mtime;
    this.zip.add(entry);
    for await (const chunk of source) {
      onChunk(chunk as Buffer);
      entry.push(chunk as Buffer);
      await this.drained();
    }
    entry.push(new Uint8Array(0), true);
  }

  end() {
    this.zip.end();
  }

  fail(err: Error) {
    // A cut stream is the honest outcome: the verifier reports the ZIP as truncated.
    this.zip.terminate();
    this.output.destroy(err);
  }
}
