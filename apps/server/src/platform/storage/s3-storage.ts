import { Readable } from 'node:stream';
import type { StorageConfig } from '../../config.js';
import { onFirstUse } from '../on-first-use.js';
import { checkKey, ObjectNotFoundError, type ObjectStorage } from './object-storage.js';

type S3Config = Extract<StorageConfig, { kind: 's3' }>;

/**
 * Any S3-compatible object store (AWS, Scaleway, OVH, MinIO, Garage…). What it stores is
 * already encrypted by the server for originals, so the provider never sees evidence in clear.
 * The SDK (about 20 MiB) is loaded at the first object stored or read, not at start-up.
 */
export class S3Storage implements ObjectStorage {
  private readonly bucket: string;
  private readonly s3: () => Promise<{ sdk: typeof import('@aws-sdk/client-s3'); client: import('@aws-sdk/client-s3').S3Client }>;

  constructor(config: S3Config) {
    this.bucket = config.bucket;
    this.s3 = onFirstUse(async () => {
      const sdk = await import('@aws-sdk/client-s3');
      const client = new sdk.S3Client({
        region: config.region,
        credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey },
        ...(config.endpoint && { endpoint: config.endpoint, forcePathStyle: true }),
        // Only the checksums S3 requires: several compatible stores reject the SDK's default
        // streaming (aws-chunked) CRC trailers. Integrity is ours anyway: SHA-256 and AES-GCM tags.
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
      });
      return { sdk, client };
    });
  }

  async put(key: string, body: Readable, sizeBytes: number): Promise<void> {
    const { sdk, client } = await this.s3();
    await client.send(new sdk.PutObjectCommand({ Bucket: this.bucket, Key: checkKey(key), Body: body, ContentLength: sizeBytes }));
  }

  async get(key: string): Promise<Readable> {
    const { sdk, client } = await this.s3();
    try {
      const res = await client.send(new sdk.GetObjectCommand({ Bucket: this.bucket, Key: checkKey(key) }));
      if (!(res.Body instanceof Readable)) throw new Error('S3 answered without a Node stream');
      return res.Body;
    } catch (err) {
      if (err instanceof sdk.NoSuchKey || err instanceof sdk.NotFound) throw new ObjectNotFoundError(key);
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    const { sdk, client } = await this.s3();
    await client.send(new sdk.DeleteObjectCommand({ Bucket: this.bucket, Key: checkKey(key) }));
  }

  async exists(key: string): Promise<boolean> {
    const { sdk, client } = await this.s3();
    try {
      await client.send(new sdk.HeadObjectCommand({ Bucket: this.bucket, Key: checkKey(key) }));
      return true;
    } catch (err) {
      if (err instanceof sdk.NotFound || (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return false;
      throw err;
    }
  }
}
