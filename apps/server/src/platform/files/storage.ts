// Files kept by the server (uploads waiting to be imported, export archives) live under
// DATA_DIR/files/<area>/<workspace>/<id>. Uploads are streamed to disk, never buffered in memory.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { isUuid } from '../ids';

export interface StoredFile {
  path: string;
  size: number;
  sha256: string;
}

export function filesRoot(dataDir: string): string {
  return path.join(dataDir, 'files');
}

/** The path of one stored file; ids are checked so a crafted id never escapes the folder. */
export function storedFilePath(dataDir: string, area: string, workspaceId: string, id: string): string {
  if (!/^[a-z-]+$/.test(area) || !isUuid(workspaceId) || !/^[0-9a-f-]{36}(\.[a-z]+)?$/.test(id)) {
    throw new Error(`Bad stored-file address ${area}/${workspaceId}/${id}`);
  }
  return path.join(filesRoot(dataDir), area, workspaceId, id);
}

/** Streams `source` to `dest`, hashing as it goes; a failed write leaves no partial file. */
export async function saveStream(source: Readable, dest: string): Promise<StoredFile> {
  await fsp.mkdir(path.dirname(dest), { recursive: true });
  const hash = createHash('sha256');
  let size = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      size += chunk.length;
      done(null, chunk);
    },
  });
  const tmp = `${dest}.part`;
  try {
    await pipeline(source, tap, fs.createWriteStream(tmp));
    await fsp.rename(tmp, dest);
  } catch (err) {
    await fsp.rm(tmp, { force: true });
    throw err;
  }
  return { path: dest, size, sha256: hash.digest('hex') };
}

/** The first `bytes` of a file and whether there is more. */
export async function readSample(
  file: string,
  bytes: number,
): Promise<{ sample: Buffer; truncated: boolean }> {
  const fh = await fsp.open(file, 'r');
  try {
    const buf = Buffer.alloc(bytes + 1);
    const { bytesRead } = await fh.read(buf, 0, bytes + 1, 0);
    return { sample: buf.subarray(0, Math.min(bytesRead, bytes)), truncated: bytesRead > bytes };
  } finally {
    await fh.close();
  }
}

export async function removeStoredFile(file: string): Promise<void> {
  await fsp.rm(file, { force: true });
}
