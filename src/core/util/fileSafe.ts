/** Text made safe as a file name (App IDs are `cli_` + hex, but a changed format must not leave the folder). */
export function fileSafe(text: string): string {
  return text.replace(/[^A-Za-z0-9_.@-]/g, '_');
}
