import { describe, expect, it } from 'vitest';
import { nextStatus, publishBlockers } from './workflow.js';

describe('nextStatus', () => {
  it('should allow publish from draft or archived, unpublish from published, archive from the others', () => {
    expect(nextStatus('draft', 'publish')).toBe('published');
    expect(nextStatus('archived', 'publish')).toBe('published');
    expect(nextStatus('published', 'publish')).toBeNull();
    expect(nextStatus('published', 'unpublish')).toBe('draft');
    expect(nextStatus('draft', 'unpublish')).toBeNull();
    expect(nextStatus('archived', 'unpublish')).toBeNull();
    expect(nextStatus('draft', 'archive')).toBe('archived');
    expect(nextStatus('published', 'archive')).toBe('archived');
    expect(nextStatus('archived', 'archive')).toBeNull();
  });
});

describe('publishBlockers', () => {
  const video = (id: string, source: { videoUrl?: string; fileId?: string }) => ({
    id,
    title: id,
    kind: 'video',
    videoUrl: source.videoUrl ?? null,
    fileId: source.fileId ?? null,
  });

  it('should find nothing wrong with a complete course', () => {
    expect(
      publishBlockers({
        title: 'Optics',
        summary: 'Light.',
        lessons: [video('a', { videoUrl: 'https://v/1' }), video('b', { fileId: 'f' })],
      }),
    ).toEqual([]);
  });

  it('should list every reason at once', () => {
    const reasons = publishBlockers({
      title: ' ',
      summary: '',
      lessons: [
        video('a', {}),
        { id: 't', title: 't', kind: 'text', videoUrl: null, fileId: null },
        video('b', {}),
      ],
    });
    expect(reasons.map((r) => [r.reason, r.lessonId])).toEqual([
      ['MISSING_TITLE', undefined],
      ['MISSING_SUMMARY', undefined],
      ['VIDEO_WITHOUT_SOURCE', 'a'],
      ['VIDEO_WITHOUT_SOURCE', 'b'],
    ]);
    expect(
      publishBlockers({ title: 'T', summary: null, lessons: [] }).map((r) => r.reason),
    ).toEqual(['MISSING_SUMMARY', 'NO_LESSONS']);
  });
});
