/**
 * Streaming file encryption with libsodium's secretstream (XChaCha20-Poly1305): files are encrypted in
 * 64 KiB chunks as they arrive, never held whole in memory; truncation or reordering fails to decrypt.
 */
import { Transform, type TransformCallback } from 'node:stream';
import { sodium } from './sodium.ts';
import type { DataKey } from './envelope.ts';

const chunkSize = 64 * 1024;

function associatedData(caseId: string, fileId: string): Uint8Array {
  return sodium.from_string(`integrity-bureau/case/${caseId}/file/${fileId}`);
}

/** Collects bytes into fixed-size blocks, holding back the last so the final tag can be set on it. */
abstract class BlockTransform extends Transform {
  private buffered: Buffer[] = [];
  private bufferedLength = 0;

  constructor(private readonly blockSize: number) {
    super();
  }

  protected abstract block(data: Uint8Array, last: boolean): Uint8Array;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    try {
      this.buffered.push(chunk);
      this.bufferedLength += chunk.length;
      // Keep at least one byte back: only flush() knows which block is the last.
      while (this.bufferedLength > this.blockSize) {
        const all = Buffer.concat(this.buffered);
        this.push(this.block(all.subarray(0, this.blockSize), false));
        this.buffered = [all.subarray(this.blockSize)];
        this.bufferedLength = all.length - this.blockSize;
      }
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }

  override _flush(callback: TransformCallback): void {
    try {
      this.push(this.block(Buffer.concat(this.buffered), true));
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }
}

class EncryptStream extends BlockTransform {
  private readonly state: ReturnType<typeof sodium.crypto_secretstream_xchacha20poly1305_init_push>['state'];
  private readonly ad: Uint8Array;

  constructor(key: DataKey, caseId: string, fileId: string) {
    super(chunkSize);
    const { state, header } = sodium.crypto_secretstream_xchacha20poly1305_init_push(key);
    this.state = state;
    this.ad = associatedData(caseId, fileId);
    this.push(header);
  }

  protected block(data: Uint8Array, last: boolean): Uint8Array {
    const tag = last ? sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL : sodium.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE;
    return sodium.crypto_secretstream_xchacha20poly1305_push(this.state, data, this.ad, tag);
  }
}

class DecryptStream extends Transform {
  private state: ReturnType<typeof sodium.crypto_secretstream_xchacha20poly1305_init_pull> | undefined;
  private pending = Buffer.alloc(0);
  private finished = false;
  private readonly ad: Uint8Array;
  private readonly frameSize = chunkSize + sodium.crypto_secretstream_xchacha20poly1305_ABYTES;

  constructor(
    private readonly key: DataKey,
    caseId: string,
    fileId: string,
  ) {
    super();
    this.ad = associatedData(caseId, fileId);
  }

  private pull(frame: Uint8Array): void {
    const result = sodium.crypto_secretstream_xchacha20poly1305_pull(this.state!, frame, this.ad);
    if (!result) throw new Error('encrypted file is damaged or not of this case');
    if (this.finished) throw new Error('encrypted file has data after its end');
    this.finished = result.tag === sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL;
    this.push(result.message);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    try {
      this.pending = Buffer.concat([this.pending, chunk]);
      if (!this.state) {
        const headerBytes = sodium.crypto_secretstream_xchacha20poly1305_HEADERBYTES;
        if (this.pending.length < headerBytes) return callback();
        this.state = sodium.crypto_secretstream_xchacha20poly1305_init_pull(this.pending.subarray(0, headerBytes), this.key);
        this.pending = this.pending.subarray(headerBytes);
      }
      // A full frame followed by more bytes cannot be the last one.
      while (this.pending.length > this.frameSize) {
        this.pull(this.pending.subarray(0, this.frameSize));
        this.pending = this.pending.subarray(this.frameSize);
      }
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }

  override _flush(callback: TransformCallback): void {
    try {
      if (!this.state) throw new Error('encrypted file is too short');
      if (this.pending.length > 0) this.pull(this.pending);
      if (!this.finished) throw new Error('encrypted file was cut off');
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }
}

export function encryptFileStream(key: DataKey, caseId: string, fileId: string): Transform {
  return new EncryptStream(key, caseId, fileId);
}

export function decryptFileStream(key: DataKey, caseId: string, fileId: string): Transform {
  return new DecryptStream(key, caseId, fileId);
}
