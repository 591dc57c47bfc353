// The core's public surface: what the CLI and the extension may use.
export * from './errors/catalogue';
export * from './errors/FeishuError';
export { redact } from './errors/redact';
export * from './feishu/baseUrl';
export * from './feishu/connect';
export { FeishuClient, type CallInfo } from './feishu/FeishuClient';
export { CallGate } from './limits/CallGate';
export { systemClock, type Clock } from './limits/Clock';
export * from './upload/FileSource';
export * from './upload/plan';
export * from './upload/target';
export * from './upload/Uploader';
export { Throughput } from './util/Throughput';
export { formatBytes, formatDuration } from './util/format';
