import { describe, expect, it } from 'vitest';
import { EVIDENCE_MAX_BYTES, declaredTypeOf, kindOfContent, kindOfType, matchesDeclaration } from './evidence-kinds.js';
import { signatureMatches } from './evidence-signatures.js';

describe('the kind of a file', () => {
  it('follows its type: photos, videos, sounds, documents; nothing else', () => {
    expect(kindOfType('image/jpeg')).toBe('photo');
    expect(kindOfType('video/quicktime')).toBe('video');
    expect(kindOfType('audio/mp3')).toBe('audio');
    expect(kindOfType('application/pdf')).toBe('document');
    expect(kindOfType('application/x-msdownload')).toBeNull();
    expect(kindOfType('text/plain')).toBeNull();
  });

  it('takes the type from the name when the phone\'s browser gave none or an unknown one', () => {
    expect(declaredTypeOf({ name: 'mémo.m4a', type: '' })).toBe('audio/x-m4a');
    expect(declaredTypeOf({ name: 'Note vocale.OPUS', type: 'application/octet-stream' })).toBe('audio/opus');
    expect(declaredTypeOf({ name: 'ordonnance.pdf', type: 'application/pdf' })).toBe('application/pdf');
    expect(declaredTypeOf({ name: 'programme.exe', type: 'application/x-msdownload' })).toBe('application/x-msdownload');
    expect(declaredTypeOf({ name: 'sans-extension', type: '' })).toBe('application/octet-stream');
  });

  it('is checked against the bytes: the same type or the same container family', () => {
    expect(matchesDeclaration('video/mp4', 'video/quicktime')).toBe(true);
    expect(matchesDeclaration('audio/ogg', 'audio/opus')).toBe(true);
    expect(matchesDeclaration('application/pdf', 'application/x-msdownload')).toBe(false);
    expect(matchesDeclaration('video/mp4', 'image/png')).toBe(false);
    expect(matchesDeclaration('video/mp4', null)).toBe(false);
  });

  it('is the content\'s, except a sound in a container that may also hold pictures', () => {
    expect(kindOfContent('video/mp4', 'video/mp4')).toBe('video');
    expect(kindOfContent('video/mp4', 'audio/x-m4a')).toBe('audio');
    expect(kindOfContent('audio/webm', 'video/webm')).toBe('audio');
    expect(kindOfContent('audio/ogg', 'application/ogg')).toBe('audio');
  });

  it('has a ceiling per kind, large enough for a long video', () => {
    expect(EVIDENCE_MAX_BYTES.video).toBeGreaterThan(200 * 1024 * 1024);
    expect(EVIDENCE_MAX_BYTES.photo).toBeLessThan(EVIDENCE_MAX_BYTES.video);
  });
});

describe('a first look at the bytes on the phone', () => {
  const b = (...parts: Array<string | number[]>) => new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));
  const mp4 = b([0, 0, 0, 24], 'ftypisom', [0, 0, 2, 0], 'isom');

  it('sees a program or another kind of file behind a name', () => {
    expect(signatureMatches('application/pdf', b('MZ', [0x90, 0, 3, 0]))).toBe(false);
    expect(signatureMatches('video/mp4', b([0x7f], 'ELF', [2, 1, 1]))).toBe(false);
    expect(signatureMatches('application/pdf', mp4)).toBe(false);
    expect(signatureMatches('video/mp4', b([0x89], 'PNG', [13, 10, 26, 10]))).toBe(false);
  });

  it('agrees with the real thing, and leaves the doubtful to the server', () => {
    expect(signatureMatches('video/mp4', mp4)).toBe(true);
    expect(signatureMatches('video/quicktime', mp4)).toBe(true);
    expect(signatureMatches('application/pdf', b('%PDF-1.7'))).toBe(true);
    expect(signatureMatches('audio/opus', b('OggS', [0, 2]))).toBe(true);
    expect(signatureMatches('audio/mpeg', b('ID3', [4, 0]))).toBe(true);
    expect(signatureMatches('audio/mpeg', b([0xff, 0xfb, 0x90, 0x64]))).toBe(true);
    expect(signatureMatches('video/quicktime', b([0, 0, 0, 8], 'wide'))).toBeNull();
    expect(signatureMatches('text/plain', b('hello'))).toBeNull();
  });
});
