import { strict as assert } from 'node:assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, test } from 'node:test';
import { classifyImageSource, displaySize, pixels, resolveLocalImage } from '../../../../src/core/publish/localImages';
import { tempDir } from '../../../helpers/fixtures';
import { jpegImage, pngImage } from '../../../helpers/images';

const tmp = tempDir();
after(() => tmp.dispose());

void test('web addresses stay remote, data: is embedded, everything else is a path next to the Markdown', () => {
  const dir = '/docs';
  assert.deepEqual(classifyImageSource('https://x.io/a.png', dir), { kind: 'remote', url: 'https://x.io/a.png' });
  assert.deepEqual(classifyImageSource('HTTP://x.io/a.png', dir), { kind: 'remote', url: 'HTTP://x.io/a.png' });
  assert.deepEqual(classifyImageSource('data:image/png;base64,AAAA', dir), { kind: 'embedded' });
  assert.deepEqual(classifyImageSource('ftp://x.io/a.png', dir), { kind: 'remote', url: 'ftp://x.io/a.png' }, 'not ours to fetch');
  assert.deepEqual(classifyImageSource(pathToFileURL('/pics/a b.png').href, dir), { kind: 'local', candidates: ['/pics/a b.png'] });
  assert.deepEqual(classifyImageSource('img/screen%20shot.png?raw=true#top', dir), {
    kind: 'local',
    candidates: [resolve('/docs/img/screen shot.png'), resolve('/docs/img/screen%20shot.png'), resolve('/docs/img/screen shot.png?raw=true#top'), resolve('/docs/img/screen%20shot.png?raw=true#top')],
  });
  assert.deepEqual(classifyImageSource('../a%zz.png', dir), { kind: 'local', candidates: [resolve('/a%zz.png')] }, 'a bad escape is taken as written');
  assert.equal(classifyImageSource('C:\\pics\\a.png', dir).kind, 'local', 'a Windows drive is a path, not a scheme');
});

void test('a local image is found, checked by its header and measured; EXIF-free JPEG and PNG sizes', async () => {
  mkdirSync(join(tmp.dir, 'img'));
  writeFileSync(join(tmp.dir, 'img', 'a b.png'), pngImage(300, 150));
  writeFileSync(join(tmp.dir, 'photo.jpg'), jpegImage(1024, 768));
  const png = classifyImageSource('img/a%20b.png', tmp.dir);
  assert.equal(png.kind, 'local');
  if (png.kind !== 'local') return;
  assert.deepEqual(await resolveLocalImage(png.candidates), { kind: 'local', file: { path: join(tmp.dir, 'img', 'a b.png'), width: 300, height: 150 } });
  assert.deepEqual(await resolveLocalImage([join(tmp.dir, 'photo.jpg')], { width: 512 }), { kind: 'local', file: { path: join(tmp.dir, 'photo.jpg'), width: 512, height: 384 } });
});

void test('missing, a folder, empty, not an image, or a type Feishu does not show', async () => {
  writeFileSync(join(tmp.dir, 'empty.png'), '');
  writeFileSync(join(tmp.dir, 'fake.png'), 'just text, not a picture');
  writeFileSync(join(tmp.dir, 'v.svg'), '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"></svg>');
  mkdirSync(join(tmp.dir, 'folder.png'));
  assert.deepEqual(await resolveLocalImage([join(tmp.dir, 'nope.png')]), { kind: 'missing' });
  assert.deepEqual(await resolveLocalImage([join(tmp.dir, 'folder.png')]), { kind: 'missing' });
  assert.deepEqual(await resolveLocalImage([join(tmp.dir, 'empty.png')]), { kind: 'notAnImage' });
  assert.deepEqual(await resolveLocalImage([join(tmp.dir, 'fake.png')]), { kind: 'notAnImage' });
  assert.deepEqual(await resolveLocalImage([join(tmp.dir, 'v.svg')]), { kind: 'notAnImage' });
});

void test('display size: width and/or height asked for, proportions kept; pixels() reads HTML sizes', () => {
  assert.deepEqual(displaySize(400, 200, {}), { width: 400, height: 200 });
  assert.deepEqual(displaySize(400, 200, { width: 100 }), { width: 100, height: 50 });
  assert.deepEqual(displaySize(400, 200, { height: 50 }), { width: 100, height: 50 });
  assert.deepEqual(displaySize(400, 200, { width: 10, height: 10 }), { width: 10, height: 10 });
  assert.deepEqual(displaySize(4000, 1, { width: 10 }), { width: 10, height: 1 }, 'never 0 pixels');
  assert.equal(pixels('200'), 200);
  assert.equal(pixels(' 120px '), 120);
  for (const bad of ['50%', '', '0', '-3', '1.5', 'auto', undefined]) assert.equal(pixels(bad), undefined, String(bad));
});
