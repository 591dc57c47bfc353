// drive/v1/import_tasks (docs/feishu/import.md §4-§5): turn an uploaded file into a Feishu doc, sheet or Base.
import { FeishuError } from '../errors/FeishuError';
import type { FeishuClient } from './FeishuClient';

export interface ImportTaskRequest {
  file_extension: string;
  file_token: string;
  type: string;
  /** Title of the new document. */
  file_name?: string;
  /** mount_type 1 = a Drive folder; mount_key "" = the caller's root folder. */
  point: { mount_type: 1; mount_key: string };
}

export interface ImportTaskResult {
  ticket?: string;
  type?: string;
  /** 0 done, 1 initialising, 2 processing, anything else failed. */
  job_status: number;
  job_error_msg?: string;
  token?: string;
  url?: string;
  /** Notes such as "some images could not be imported". */
  extra?: string[];
}

export async function createImportTask(client: FeishuClient, request: ImportTaskRequest, signal?: AbortSignal): Promise<string> {
  const endpoint = 'drive/v1/import_tasks';
  const data = await client.call<{ ticket?: string }>({ method: 'POST', endpoint, json: request, signal });
  if (!data.ticket) throw new FeishuError({ code: 'BAD_RESPONSE', endpoint, detail: 'No ticket in the answer.' });
  return data.ticket;
}

export async function getImportTask(client: FeishuClient, ticket: string, signal?: AbortSignal): Promise<ImportTaskResult> {
  const endpoint = `drive/v1/import_tasks/${encodeURIComponent(ticket)}`;
  const data = await client.call<{ result?: ImportTaskResult }>({ method: 'GET', endpoint, signal });
  if (typeof data.result?.job_status !== 'number') throw new FeishuError({ code: 'BAD_RESPONSE', endpoint, detail: 'No job_status in the answer.' });
  return data.result;
}
