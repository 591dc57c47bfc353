import { FeishuError } from '../errors/FeishuError';
import { BARE_TOKEN, feishuUrl, linkKind, tokenAfter } from '../feishu/links';

/** A document as the user named it: a docx id (from a link or bare), or a wiki page still to resolve. */
export type DocumentRef = { kind: 'docx'; documentId: string; link?: string } | { kind: 'wiki'; nodeToken: string; link: string };

/** The object type (as wiki nodes name them) behind each other kind of link. */
const LINK_OBJ_TYPE: Readonly<Record<string, string>> = {
  docs: 'doc',
  doc: 'doc',
  sheets: 'sheet',
  base: 'bitable',
  file: 'file',
  mindnotes: 'mindnote',
  slides: 'slides',
  'drive/folder': 'folder',
};

const OBJ_TYPE_WORDS: Readonly<Record<string, string>> = {
  doc: 'a legacy document (doc)',
  sheet: 'a sheet',
  bitable: 'a Base (bitable)',
  mindnote: 'a mind note',
  file: 'a Drive file',
  slides: 'a slides deck',
  folder: 'a folder',
};

/**
 * https://<tenant>.feishu.cn/docx/<id> (larksuite.com and larkoffice.com too, or the emulator on loopback),
 * a wiki link /wiki/<token>, or a bare document id. Legacy /docs/ links, sheets and the like are refused
 * with a message naming what they are.
 */
export function parseDocumentInput(input: string): DocumentRef {
  const raw = input.trim();
  if (raw === '') throw new FeishuError({ code: 'BAD_DOCUMENT', detail: 'Nothing was given.' });
  if (BARE_TOKEN.test(raw)) return { kind: 'docx', documentId: raw };
  const url = feishuUrl(raw, 'BAD_DOCUMENT');
  const documentId = tokenAfter(url.pathname, 'docx');
  if (documentId) return { kind: 'docx', documentId, link: raw };
  const nodeToken = tokenAfter(url.pathname, 'wiki');
  if (nodeToken) return { kind: 'wiki', nodeToken, link: raw };
  const shown = `${url.hostname}${url.pathname}`;
  const kind = linkKind(url.pathname);
  const objType = kind && LINK_OBJ_TYPE[kind];
  if (objType) throw new FeishuError({ code: 'NOT_A_DOCX', detail: `${shown} is ${describeObjType(objType)}.` });
  throw new FeishuError({ code: 'BAD_DOCUMENT', detail: `${shown} is not a document link.` });
}

/** How a wiki node's obj_type reads in the message that refuses it. */
export function describeObjType(objType: string): string {
  return OBJ_TYPE_WORDS[objType] ?? `of type "${objType}"`;
}
