// wiki/v2 node lookup (docs/feishu/docx.md §13): a wiki page is a node pointing at a document, sheet, …
import { FeishuError } from '../errors/FeishuError';
import type { FeishuClient } from './FeishuClient';

export interface WireWikiNode {
  node_token: string;
  /** The token of what the page shows: for obj_type "docx" the document id. */
  obj_token: string;
  /** doc, docx, sheet, mindnote, bitable, file, slides. */
  obj_type: string;
  title?: string;
  space_id?: string;
}

export async function getWikiNode(client: FeishuClient, nodeToken: string, signal?: AbortSignal): Promise<WireWikiNode> {
  const endpoint = 'wiki/v2/spaces/get_node';
  const data = await client.call<{ node?: WireWikiNode }>({ method: 'GET', endpoint, query: { token: nodeToken, obj_type: 'wiki' }, signal });
  if (!data.node?.obj_type) throw new FeishuError({ code: 'BAD_RESPONSE', endpoint, detail: 'No node in the answer.' });
  return data.node;
}
