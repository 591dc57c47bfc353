// The emulated tenant's docx documents: a page block whose id is the document id, its children in order,
// Image blocks and File blocks (each inside a View block), and the revision every write bumps.
import { newDriveToken } from './ids';
import type { DocxBlock, DocxDocument } from './types';

export const PAGE = 1;
export const FILE = 23;
export const IMAGE = 27;
export const VIEW = 33;

/** What a new top-level child is: an Image block, or a File block (wrapped in a View block). */
export type ChildSpec = { kind: 'image' } | { kind: 'file'; viewType: number };

export interface Doc {
  readonly documentId: string;
  title: string;
  revision: number;
  readonly blocks: Map<string, DocxBlock>;
  /** Answers already given per client_token, so a repeated create adds nothing. */
  readonly answered: Map<string, Record<string, unknown>>;
}

export class Documents {
  private readonly docs = new Map<string, Doc>();

  create(title = 'Untitled', documentId = newDriveToken()): string {
    const page: DocxBlock = { blockId: documentId, blockType: PAGE, parentId: '', children: [] };
    this.docs.set(documentId, { documentId, title, revision: 1, blocks: new Map([[documentId, page]]), answered: new Map() });
    return documentId;
  }

  get(documentId: string): Doc | undefined {
    return this.docs.get(documentId);
  }

  /** A copy of the document with its blocks in reading order (depth first from the page). */
  view(documentId: string): DocxDocument | undefined {
    const doc = this.docs.get(documentId);
    if (!doc) return undefined;
    const ordered: DocxBlock[] = [];
    const visit = (id: string): void => {
      const block = doc.blocks.get(id);
      if (!block) return;
      ordered.push({ ...block, children: [...block.children] });
      for (const child of block.children) visit(child);
    };
    visit(documentId);
    return { documentId, title: doc.title, revisionId: doc.revision, blocks: ordered };
  }

  list(): { documentId: string; title: string; revisionId: number; blocks: number }[] {
    return [...this.docs.values()].map((d) => ({ documentId: d.documentId, title: d.title, revisionId: d.revision, blocks: d.blocks.size }));
  }

  /** Adds children to the page at `index`; returns the new top-level blocks. */
  insert(doc: Doc, index: number, specs: readonly ChildSpec[]): DocxBlock[] {
    const page = doc.blocks.get(doc.documentId)!;
    const created = specs.map((spec) => this.build(doc, spec));
    page.children.splice(index, 0, ...created.map((b) => b.blockId));
    doc.revision++;
    return created;
  }

  /** Removes children [start, end) of a block, with everything inside them. */
  remove(doc: Doc, parent: DocxBlock, start: number, end: number): void {
    const drop = (id: string): void => {
      for (const child of doc.blocks.get(id)?.children ?? []) drop(child);
      doc.blocks.delete(id);
    };
    for (const id of parent.children.splice(start, end - start)) drop(id);
    doc.revision++;
  }

  /**
   * Why media of this parent type cannot be attached to this block, or undefined when it can: the block
   * must be an Image block (docx_image) or File block (docx_file) of the document `extra` names.
   */
  mediaParentProblem(parentType: string, blockId: string, documentId: unknown): string | undefined {
    if (typeof documentId !== 'string' || documentId === '') return 'extra.drive_route_token must name the document';
    const doc = this.docs.get(documentId);
    if (!doc) return `document ${JSON.stringify(documentId)} (extra.drive_route_token) does not exist`;
    const block = doc.blocks.get(blockId);
    if (!block) return `block ${JSON.stringify(blockId)} is not in document ${documentId}`;
    const wanted = parentType === 'docx_image' ? IMAGE : FILE;
    if (block.blockType !== wanted) return `block ${blockId} has block_type ${block.blockType}; ${parentType} needs ${wanted}`;
    return undefined;
  }

  private build(doc: Doc, spec: ChildSpec): DocxBlock {
    const blockId = newDriveToken();
    if (spec.kind === 'image') {
      const image: DocxBlock = { blockId, blockType: IMAGE, parentId: doc.documentId, children: [], token: '', width: 100, height: 100 };
      doc.blocks.set(blockId, image);
      return image;
    }
    const fileId = newDriveToken();
    const view: DocxBlock = { blockId, blockType: VIEW, parentId: doc.documentId, children: [fileId], viewType: spec.viewType };
    doc.blocks.set(blockId, view);
    doc.blocks.set(fileId, { blockId: fileId, blockType: FILE, parentId: blockId, children: [], token: '', fileName: '' });
    return view;
  }
}
