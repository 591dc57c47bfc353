// Wiki pages: each node points at a document, sheet, Base… (obj_type + obj_token), and GET get_node
// (docs/feishu/docx.md §13) resolves a node token, or an object token with its obj_type.
import { newDriveToken, newNumericId } from './ids';
import { failure, success, type Reply } from './reply';
import type { WikiNode } from './types';

export class Wiki {
  readonly spaceId = newNumericId(19);
  private readonly nodes = new Map<string, WikiNode>();

  add(node: Omit<WikiNode, 'nodeToken' | 'spaceId'>): WikiNode {
    const stored: WikiNode = { ...node, nodeToken: newDriveToken(), spaceId: this.spaceId };
    this.nodes.set(stored.nodeToken, stored);
    return { ...stored };
  }

  /** GET wiki/v2/spaces/get_node?token=…[&obj_type=wiki|docx|…]. */
  getNode(query: URLSearchParams): Reply {
    const token = query.get('token');
    if (!token) return failure(131002, { message: 'token is required' });
    const objType = query.get('obj_type') ?? 'wiki';
    const node = objType === 'wiki' ? this.nodes.get(token) : [...this.nodes.values()].find((n) => n.objToken === token && n.objType === objType);
    if (!node) return failure(131005, { message: `no wiki node for ${objType} token ${token}` });
    return success({
      node: {
        space_id: node.spaceId,
        node_token: node.nodeToken,
        obj_token: node.objToken,
        obj_type: node.objType,
        parent_node_token: '',
        node_type: 'origin',
        origin_node_token: node.nodeToken,
        origin_space_id: node.spaceId,
        has_child: false,
        title: node.title,
      },
    });
  }
}
