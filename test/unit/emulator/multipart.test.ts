import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fieldText, multipartBoundary, MultipartError, parseMultipart } from '../../../src/emulator/multipart';

const CRLF = '\r\n';

function body(boundary: string, ...parts: string[]): Buffer {
  return Buffer.from(parts.map((p) => `--${boundary}${CRLF}${p}${CRLF}`).join('') + `--${boundary}--${CRLF}`, 'latin1');
}

void describe('emulator multipart parser', () => {
  void it('reads the boundary from Content-Type, quoted or not', () => {
    assert.equal(multipartBoundary('multipart/form-data; boundary=abc'), 'abc');
    assert.equal(multipartBoundary('Multipart/Form-Data; charset=utf-8; boundary="a b;c"'), 'a b;c');
    assert.equal(multipartBoundary('application/json'), undefined);
    assert.equal(multipartBoundary('multipart/form-data'), undefined);
    assert.equal(multipartBoundary(undefined), undefined);
  });

  void it('parses fields and a binary file, including the doc example trailing semicolon', () => {
    const binary = Buffer.from([0, 13, 10, 45, 45, 255, 13, 10]);
    const raw = Buffer.concat([
      Buffer.from(`--XyZ${CRLF}Content-Disposition: form-data; name="upload_id";${CRLF}${CRLF}7111211691345512356${CRLF}`),
      Buffer.from(`--XyZ${CRLF}Content-Disposition: form-data; name="file"; filename="a.bin"${CRLF}Content-Type: application/octet-stream${CRLF}${CRLF}`),
      binary,
      Buffer.from(`${CRLF}--XyZ--${CRLF}`),
    ]);
    const parts = parseMultipart(raw, 'XyZ');
    assert.equal(fieldText(parts, 'upload_id'), '7111211691345512356');
    const file = parts.find((p) => p.name === 'file');
    assert.equal(file?.filename, 'a.bin');
    assert.equal(file?.contentType, 'application/octet-stream');
    assert.deepEqual(file?.data, binary);
  });

  void it('keeps content that contains the boundary text without a preceding CRLF', () => {
    const parts = parseMultipart(body('b1', `Content-Disposition: form-data; name="x"${CRLF}${CRLF}a--b1z`), 'b1');
    assert.equal(fieldText(parts, 'x'), 'a--b1z');
  });

  void it('accepts a preamble, an empty value and an epilogue', () => {
    const raw = Buffer.from(`preamble${CRLF}` + body('q', `Content-Disposition: form-data; name="e"${CRLF}${CRLF}`).toString('latin1') + 'epilogue');
    assert.equal(fieldText(parseMultipart(raw, 'q'), 'e'), '');
  });

  void it('decodes UTF-8 values and escaped quotes in names', () => {
    const utf8 = Buffer.from(`--q${CRLF}Content-Disposition: form-data; name="file_name"${CRLF}${CRLF}报告.pdf${CRLF}--q--`, 'utf8');
    assert.equal(fieldText(parseMultipart(utf8, 'q'), 'file_name'), '报告.pdf');
    const quoted = Buffer.from(`--q${CRLF}Content-Disposition: form-data; name="a\\"b"${CRLF}${CRLF}v${CRLF}--q--`);
    assert.equal(parseMultipart(quoted, 'q')[0].name, 'a"b');
  });

  const malformed: Array<[string, string]> = [
    ['no boundary at all', 'hello'],
    ['no closing boundary', `--q${CRLF}Content-Disposition: form-data; name="a"${CRLF}${CRLF}v`],
    ['headers never end', `--q${CRLF}Content-Disposition: form-data; name="a"`],
    ['part without a name', `--q${CRLF}Content-Disposition: form-data${CRLF}${CRLF}v${CRLF}--q--`],
    ['not form-data', `--q${CRLF}Content-Disposition: attachment; name="a"${CRLF}${CRLF}v${CRLF}--q--`],
    ['boundary line without CRLF', `--qX${CRLF}--q--`],
    ['header without a colon', `--q${CRLF}garbage${CRLF}${CRLF}v${CRLF}--q--`],
  ];
  for (const [name, text] of malformed) {
    void it(`rejects ${name}`, () => {
      assert.throws(() => parseMultipart(Buffer.from(text), 'q'), MultipartError);
    });
  }
});
