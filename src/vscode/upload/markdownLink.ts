/** `[name](url)` with the characters that would end the link text or the URL escaped. */
export function markdownLink(name: string, url: string): string {
  const text = name.replace(/[\\[\]]/g, (c) => `\\${c}`);
  const target = url.replace(/[()\s]/g, (c) => encodeURIComponent(c));
  return `[${text}](${target})`;
}
