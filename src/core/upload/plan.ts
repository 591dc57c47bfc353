import { FeishuError } from '../errors/FeishuError';
import type { PrepareResponse } from '../feishu/wire';

/** upload_all takes files up to 20 MiB (20 971 520 bytes); larger files go through prepare/part/finish. */
export const UPLOAD_ALL_MAX_BYTES = 20 * 1024 * 1024;

export type UploadMethod = 'all' | 'multipart';

export function chooseMethod(size: number): UploadMethod {
  return size <= UPLOAD_ALL_MAX_BYTES ? 'all' : 'multipart';
}

export interface Block {
  seq: number;
  offset: number;
  length: number;
}

/**
 * The blocks Feishu asked for: exactly block_size and block_num from upload_prepare, the last block the
 * remainder. A plan that doesn't cover the file exactly is refused rather than guessed at.
 */
export function planBlocks(size: number, prepared: Pick<PrepareResponse, 'block_size' | 'block_num'>, endpoint?: string): Block[] {
  const { block_size: blockSize, block_num: blockNum } = prepared;
  const valid =
    Number.isSafeInteger(blockSize) && blockSize > 0 && Number.isSafeInteger(blockNum) && blockNum === Math.ceil(size / blockSize);
  if (!valid) {
    throw new FeishuError({ code: 'BAD_RESPONSE', endpoint, detail: `Block plan ${blockNum} x ${blockSize} bytes does not fit a file of ${size} bytes.` });
  }
  const blocks: Block[] = [];
  for (let seq = 0; seq < blockNum; seq++) {
    const offset = seq * blockSize;
    blocks.push({ seq, offset, length: Math.min(blockSize, size - offset) });
  }
  return blocks;
}
