// The Markdown fixture of the publish tests (test/fixtures/publish/release-guide.md) in a folder of its own,
// with its local images: img/diagram.png (a sub-folder), "screen shot.jpg" (a space in the name); missing.png
// is left out on purpose.
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { jpegImage, pngImage } from './images';

/** The repository root, from out/test/helpers/ (compiled) or test/helpers/ (source). */
const repoRoot = resolve(__dirname, __dirname.includes(join('out', 'test')) ? '../../..' : '../..');

export interface PublishFixture {
  markdownPath: string;
  diagram: Buffer;
  screenShot: Buffer;
}

export const FIXTURE_MARKDOWN = join(repoRoot, 'test', 'fixtures', 'publish', 'release-guide.md');

/** Diagram: 640 × 400 PNG (shown at 320 wide); screen shot: 1280 × 720 JPEG. */
export function writePublishFixture(dir: string): PublishFixture {
  mkdirSync(join(dir, 'img'), { recursive: true });
  const markdownPath = join(dir, 'release-guide.md');
  copyFileSync(FIXTURE_MARKDOWN, markdownPath);
  const diagram = pngImage(640, 400, 7);
  const screenShot = jpegImage(1280, 720, 9, 30_000);
  writeFileSync(join(dir, 'img', 'diagram.png'), diagram);
  writeFileSync(join(dir, 'screen shot.jpg'), screenShot);
  return { markdownPath, diagram, screenShot };
}
