// What publishing tells people besides errors: warnings about the Markdown (by line), and notes on what a
// failure left behind. English templates here are also the translation keys (like the catalogue's texts);
// the extension and the CLI translate them with their Translate.
import type { ErrorNote } from '../errors/FeishuError';
import { english, type Translate } from '../util/translate';

/** {0} is the line, {1} what it is about. */
export const WARNING_TEXTS = {
  imageMissing: 'Line {0}: image {1} was not found; its description was published as text instead.',
  imageNotAnImage: 'Line {0}: {1} is not a PNG, JPEG, GIF, BMP or WebP image, which is what Feishu shows; it was published as text instead.',
  imageUnreadable: 'Line {0}: image {1} could not be read; it was published as text instead.',
  imageEmbedded: 'Line {0}: an image embedded as data ({1}) is not published; its description was published as text instead.',
  linkNotWeb: 'Line {0}: the link {1} only works next to the Markdown file, not in Feishu; its text was published without the link.',
  htmlNotConverted: 'Line {0}: HTML {1} has no Feishu equivalent; only its text was published.',
  frontMatterInvalid: 'Line {0}: the front matter is not valid YAML ({1}); it was ignored.',
  titleNotUpdated: 'The document title could not be changed to "{1}"; the content was updated.',
  accessNotGranted: 'The person signed in ({1}) could not be given access to the new document, which the app owns; share it with them in Feishu.',
} as const;

export type PublishWarningKind = keyof typeof WARNING_TEXTS;

export interface PublishWarning {
  readonly kind: PublishWarningKind;
  /** 1-based line in the Markdown file (0 when the warning is not about a line). */
  readonly line: number;
  /** The image path, link, tag or title the warning is about. */
  readonly subject: string;
}

/** A warning as one line in the user's language (English by default, as --json prints it). */
export function warningText(warning: PublishWarning, t: Translate = english): string {
  return t(WARNING_TEXTS[warning.kind], warning.line, warning.subject);
}

/** Notes a failed publish adds to its error: what is in Feishu now. */
export const PUBLISH_NOTES = {
  newDocumentDeleted: 'The new document was deleted again; nothing was left behind.',
  newDocumentLeft: 'The new document could not be deleted and is incomplete: {0}. Delete it, or publish again to replace its content.',
  updateUndone: 'The document "{0}" still has its previous content; nothing was changed.',
  updatePartial: 'The document "{0}" now has its previous content followed by part of the new content: {1}. Publish again to replace it.',
  oldContentLeft: 'The document "{0}" has the new content, but its previous content could not be removed and is still above it: {1}. Publish again to replace it.',
} as const;

export function publishNote(key: keyof typeof PUBLISH_NOTES, ...args: string[]): ErrorNote {
  return { text: PUBLISH_NOTES[key], args };
}
