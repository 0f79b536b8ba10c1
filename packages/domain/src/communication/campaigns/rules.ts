import { postLength, type PostChannel } from './post-length.js';

/** What is wrong with a post, in the order a person would fix it (the service refuses the first). */
export type PostProblem =
  | { code: 'too_long'; length: number; limit: number; over: number }
  | { code: 'empty' }
  | { code: 'alt_required' }
  | { code: 'two_images' };

export function postProblems(p: {
  channel: PostChannel; body: string; imageEvidenceId: string | null; imageUploadId?: string | null; imageAlt: string | null;
}): PostProblem[] {
  const problems: PostProblem[] = [];
  const hasImage = p.imageEvidenceId !== null || (p.imageUploadId ?? null) !== null;
  if (p.body.trim() === '' && !hasImage) problems.push({ code: 'empty' });
  const l = postLength(p.channel, p.body);
  if (!l.fits) problems.push({ code: 'too_long', length: l.length, limit: l.limit, over: l.over });
  if (hasImage && (p.imageAlt ?? '').trim() === '') problems.push({ code: 'alt_required' });
  if (p.imageEvidenceId !== null && (p.imageUploadId ?? null) !== null) problems.push({ code: 'two_images' });
  return problems;
}

/** An event ends after it starts (a zero-length event is refused too). */
export const eventSpanValid = (startsAt: string, endsAt: string) => Date.parse(endsAt) > Date.parse(startsAt);
