// The Markdown fixture of the publish tests (test/fixtures/publish/release-guide.md) in a folder of its own,
// with its local images: img/diagram.png (a sub-folder), "screen shot.jpg" (a space in the name); missing.png
// is left out on purpose.
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { jpegImage, pngImage } from './images';

const FIXTURE = join('test', 'fixtures', 'publish', 'release-guide.md');

/** The fixture in the repository, found upwards from here: tests run from out/ or from the e2e build folder. */
function fixturePath(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) if (existsSync(join(dir, FIXTURE))) return join(dir, FIXTURE);
  throw new Error(`no ${FIXTURE} above ${__dirname}`);
}

export interface PublishFixture {
  markdownPath: string;
  diagram: Buffer;
  screenShot: Buffer;
}

export const FIXTURE_MARKDOWN = fixturePath();

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
