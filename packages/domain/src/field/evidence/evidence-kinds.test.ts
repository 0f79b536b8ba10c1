import { describe, expect, it } from 'vitest';
import { EVIDENCE_MAX_BYTES, declaredTypeOf, kindOfContent, kindOfType, matchesDeclaration } from './evidence-kinds.js';

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
