import {
  DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, NoSuchKey, NotFound, PutObjectCommand, S3Client,
} from '@aws-sdk/client-s3';
import { Readable } from 'node:stream';
import type { StorageConfig } from '../../config.js';
import { checkKey, ObjectNotFoundError, type ObjectStorage } from './object-storage.js';

type S3Config = Extract<StorageConfig, { kind: 's3' }>;

/**
 * Any S3-compatible object store (AWS, Scaleway, OVH, MinIO, Garage…). What it stores is
 * already encrypted by the server for originals, so the provider never sees evidence in clear.
 */
export class S3Storage implements ObjectStorage {
  private readonly client: S3Client;
  private readonly bucket: string;

  constructor(config: S3Config) {
    this.bucket = config.bucket;
    this.client = new S3Client({
      region: config.region,
      credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey },
      ...(config.endpoint && { endpoint: config.endpoint, forcePathStyle: true }),
      // Only the checksums S3 requires: several compatible stores reject the SDK's default
      // streaming (aws-chunked) CRC trailers. Integrity is ours anyway: SHA-256 and AES-GCM tags.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  async put(key: string, body: Readable, sizeBytes: number): Promise<void> {
    await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: checkKey(key), Body: body, ContentLength: sizeBytes }));
  }

  async get(key: string): Promise<Readable> {
    try {
      const res = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: checkKey(key) }));
      if (!(res.Body instanceof Readable)) throw new Error('S3 answered without a Node stream');
      return res.Body;
    } catch (err) {
      if (err instanceof NoSuchKey || err instanceof NotFound) throw new ObjectNotFoundError(key);
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: checkKey(key) }));
  }

  async exists(key: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: checkKey(key) }));
      return true;
    } catch (err) {
      if (err instanceof NotFound || (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return false;
      throw err;
    }
  }
}
