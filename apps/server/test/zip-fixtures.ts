import { crc32, deflateRawSync } from 'node:zlib';

/** Archives built byte by byte, to say exactly what each header claims. */
export type Part = {
  name: string | Buffer;
  data: Buffer;
  deflate?: boolean;
  /** What the headers claim the decompressed size is. */
  declaredSize?: number;
  /** Left out of the central directory: only a front-to-back reader sees it. */
  hidden?: boolean;
  /** A central record that points at another part's local header. */
  pointsAt?: number;
};

export function buildZip(parts: Part[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  const offsets: number[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.isBuffer(part.name) ? part.name : Buffer.from(part.name, 'utf8');
    const body = part.deflate ? deflateRawSync(part.data) : part.data;
    const crc = crc32(part.data);
    const size = part.declaredSize ?? part.data.length;
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0); head.writeUInt16LE(20, 4); head.writeUInt16LE(0x800, 6);
    head.writeUInt16LE(part.deflate ? 8 : 0, 8); head.writeUInt16LE(0x21, 12);
    head.writeUInt32LE(crc, 14); head.writeUInt32LE(body.length, 18); head.writeUInt32LE(size, 22);
    head.writeUInt16LE(name.length, 26);
    offsets.push(offset);
    locals.push(head, name, body);
    const localOffset = part.pointsAt === undefined ? offset : offsets[part.pointsAt]!;
    offset += head.length + name.length + body.length;
    if (part.hidden) continue;
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE(20, 4); central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x800, 8); central.writeUInt16LE(part.deflate ? 8 : 0, 10); central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc, 16); central.writeUInt32LE(body.length, 20); central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28); central.writeUInt32LE(localOffset, 42);
    centrals.push(central, name);
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  const count = parts.filter((p) => !p.hidden).length;
  end.writeUInt16LE(count, 8); end.writeUInt16LE(count, 10);
  end.writeUInt32LE(directory.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

