/** A network profile: what the emulator imposes on top of its 5 calls/s per endpoint and one in flight. */
export interface Profile {
  id: string;
  label: string;
  /** Added before each response, ms. */
  latencyMs: number;
  /** Request body rate, bytes/s; undefined = unlimited. */
  bytesPerSecond?: number;
}

export interface CallPlan {
  endpoint: string;
  bodyBytes: number;
  /** Subject to 5 calls/s per endpoint and one in flight. */
  paced: boolean;
}

/** The calls a multipart upload of `size` bytes makes: token, root folder, prepare, parts, finish. */
export function multipartCalls(size: number, blockSize: number): CallPlan[] {
  const calls: CallPlan[] = [
    { endpoint: 'token', bodyBytes: 0, paced: false },
    { endpoint: 'root_folder', bodyBytes: 0, paced: false },
    { endpoint: 'upload_prepare', bodyBytes: 0, paced: true },
  ];
  for (let at = 0; at < size; at += blockSize) calls.push({ endpoint: 'upload_part', bodyBytes: Math.min(blockSize, size - at), paced: true });
  calls.push({ endpoint: 'upload_finish', bodyBytes: 0, paced: true });
  return calls;
}

/**
 * The fastest any client can finish under the rules: calls one after another (one in flight), each taking
 * body/bandwidth + latency, and no endpoint started more than `qps` times in any 1000 ms window.
 */
export function idealMs(calls: CallPlan[], profile: Profile, qps = 5): number {
  const starts = new Map<string, number[]>();
  let t = 0;
  for (const call of calls) {
    let start = t;
    if (call.paced) {
      const prior = starts.get(call.endpoint) ?? [];
      if (prior.length >= qps) start = Math.max(start, prior[prior.length - qps] + 1000);
      prior.push(start);
      starts.set(call.endpoint, prior);
    }
    const transfer = profile.bytesPerSecond ? (call.bodyBytes / profile.bytesPerSecond) * 1000 : 0;
    t = start + transfer + profile.latencyMs;
  }
  return t;
}
