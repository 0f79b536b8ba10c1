import type { StorageConfig } from '../../config.js';
import { LocalFolderStorage } from './local-folder-storage.js';
import type { ObjectStorage } from './object-storage.js';
import { S3Storage } from './s3-storage.js';

/** The storage chosen by STORAGE_KIND: a local folder by default, S3-compatible when configured. */
export function createObjectStorage(config: StorageConfig): ObjectStorage {
  return config.kind === 's3' ? new S3Storage(config) : new LocalFolderStorage(config.dir);
}
