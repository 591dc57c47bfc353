// The emulated tenant's docx documents: a page block whose id is the document id and whose text is the title,
// blocks of every kind this tool writes (text, headings, lists, code, to-dos, dividers, tables, quote containers,
// images, files inside view blocks), the folder each document lives in, and the revision every write bumps.
import { newDriveToken } from './ids';
import type { DocxBlock, DocxDocument } from './types';

export const PAGE = 1;
export const FILE = 23;
export const IMAGE = 27;
export const VIEW = 33;

/** What a new top-level child is: an Image block, or a File block (wrapped in a View block). */
export type ChildSpec = { kind: 'image' } | { kind: 'file'; viewType: number };

/** A block of a descendant call, checked (see docxDescendants.ts): its temporary id, type, content, children. */
export interface NewBlock {
  temporaryId: string;
  blockType: number;
  content: Record<string, unknown>;
  children: string[];
}

export interface Doc {
  readonly documentId: string;
  title: string;
  readonly folderToken: string;
  /** Who made it through the API (`app:<appId>` or `user:<openId>`); '' for documents tests set up (open to all). */
  readonly owner: string;
  /** Epoch milliseconds. */
  readonly createdAt: number;
  revision: number;
  readonly blocks: Map<string, DocxBlock>;
  /** Answers already given per client_token, so a repeated create adds nothing. */
  readonly answered: Map<string, Record<string, unknown>>;
}

export class Documents {
  private readonly docs = new Map<string, Doc>();
  /** Documents deleted (moved to the recycle bin): calls on them get 1770003, not 1770002. */
  private readonly deleted = new Set<string>();

  create(title = 'Untitled', folderToken = '', owner = '', documentId = newDriveToken()): string {
    const page: DocxBlock = { blockId: documentId, blockType: PAGE, parentId: '', children: [] };
    this.docs.set(documentId, { documentId, title, folderToken, owner, createdAt: Date.now(), revision: 1, blocks: new Map([[documentId, page]]), answered: new Map() });
    return documentId;
  }

  get(documentId: string): Doc | undefined {
    return this.docs.get(documentId);
  }

  isDeleted(documentId: string): boolean {
    return this.deleted.has(documentId);
  }

  delete(documentId: string): boolean {
    if (!this.docs.delete(documentId)) return false;
    this.deleted.add(documentId);
    return true;
  }

  /** A copy of the document with its blocks in reading order (depth first from the page). */
  view(documentId: string): DocxDocument | undefined {
    const doc = this.docs.get(documentId);
    if (!doc) return undefined;
    return { documentId, title: doc.title, folderToken: doc.folderToken, revisionId: doc.revision, blocks: this.ordered(doc).map(copyBlock) };
  }

  /** The document's blocks in reading order, the page first (what the block listing pages through). */
  ordered(doc: Doc): DocxBlock[] {
    const out: DocxBlock[] = [];
    const visit = (id: string): void => {
      const block = doc.blocks.get(id);
      if (!block) return;
      out.push(block);
      for (const child of block.children) visit(child);
    };
    visit(doc.documentId);
    return out;
  }

  list(): { documentId: string; title: string; folderToken: string; revisionId: number; blocks: number }[] {
    return [...this.docs.values()].map((d) => ({ documentId: d.documentId, title: d.title, folderToken: d.folderToken, revisionId: d.revision, blocks: d.blocks.size }));
  }

  /** Adds children to the page at `index`; returns the new top-level blocks. */
  insert(doc: Doc, index: number, specs: readonly ChildSpec[]): DocxBlock[] {
    const page = doc.blocks.get(doc.documentId)!;
    const created = specs.map((spec) => this.build(doc, spec));
    page.children.splice(index, 0, ...created.map((b) => b.blockId));
    doc.revision++;
    return created;
  }

  /**
   * Creates a checked tree of blocks under `parent` at `index` (first-level blocks `roots`); returns the new
   * first-level blocks and every temporary id → real id.
   */
  insertTree(doc: Doc, parent: DocxBlock, index: number, roots: readonly string[], blocks: ReadonlyMap<string, NewBlock>): { created: DocxBlock[]; relations: Map<string, string> } {
    const relations = new Map<string, string>();
    for (const temporaryId of blocks.keys()) relations.set(temporaryId, newDriveToken());
    const build = (temporaryId: string, parentId: string): DocxBlock => {
      const spec = blocks.get(temporaryId)!;
      const blockId = relations.get(temporaryId)!;
      const block: DocxBlock = { blockId, blockType: spec.blockType, parentId, children: [] };
      if (spec.blockType === IMAGE) Object.assign(block, { token: '', width: 100, height: 100 });
      else block.content = structuredClone(spec.content);
      doc.blocks.set(blockId, block);
      block.children = spec.children.map((child) => build(child, blockId).blockId);
      return block;
    };
    const created = roots.map((id) => build(id, parent.blockId));
    parent.children.splice(index, 0, ...created.map((b) => b.blockId));
    doc.revision++;
    return { created, relations };
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

function copyBlock(block: DocxBlock): DocxBlock {
  return { ...block, children: [...block.children], ...(block.content ? { content: structuredClone(block.content) } : {}) };
}
