import type { PostingInput } from '@vigie/domain/rules';

/** The editor's state: every input as typed (strings), turned into a PostingInput on save. */
export type PostingForm = Record<Exclude<keyof PostingInput, ListKey>, string> & Record<ListKey, string>;
export const LIST_KEYS = ['benefits', 'qualifications', 'responsibilities', 'skills', 'tools', 'education', 'languages'] as const;
type ListKey = (typeof LIST_KEYS)[number];

export function emptyForm(): PostingForm {
  return {
    title: '', engagement: 'volunteering', locality: '', postalCode: '', region: '', country: 'FR', workplace: 'on_site', schedule: 'full_time',
    hoursPerWeek: '', contract: '', durationMonths: '', startDate: '', payMin: '', payMax: '', payUnit: '', benefits: '', qualifications: '',
    responsibilities: '', skills: '', tools: '', education: '', languages: '', description: '', closesOn: '', openings: '1',
  };
}

export function formOf(p: PostingInput): PostingForm {
  const s = (v: string | number | null) => (v === null ? '' : String(v));
  return {
    title: p.title, engagement: p.engagement, locality: p.locality, postalCode: s(p.postalCode), region: s(p.region), country: p.country,
    workplace: p.workplace, schedule: p.schedule, hoursPerWeek: s(p.hoursPerWeek), contract: s(p.contract), durationMonths: s(p.durationMonths),
    startDate: s(p.startDate), payMin: s(p.payMin), payMax: s(p.payMax), payUnit: s(p.payUnit),
    ...Object.fromEntries(LIST_KEYS.map((k) => [k, p[k].join('\n')])) as Record<ListKey, string>,
    description: p.description, closesOn: p.closesOn, openings: String(p.openings),
  };
}

export function inputOf(f: PostingForm): PostingInput {
  const text = (v: string) => (v.trim() === '' ? null : v.trim());
  const num = (v: string) => (v.trim() === '' ? null : Number(v.replace(',', '.')));
  const lines = (v: string) => v.split('\n').map((l) => l.replace(/^\s*[-•*]\s*/, '').trim()).filter(Boolean);
  return {
    title: f.title, engagement: f.engagement as PostingInput['engagement'], locality: f.locality, postalCode: text(f.postalCode), region: text(f.region),
    country: f.country || 'FR', workplace: f.workplace as PostingInput['workplace'], schedule: f.schedule as PostingInput['schedule'],
    hoursPerWeek: num(f.hoursPerWeek), contract: text(f.contract), durationMonths: num(f.durationMonths), startDate: text(f.startDate),
    payMin: num(f.payMin), payMax: num(f.payMax), payUnit: (text(f.payUnit) as PostingInput['payUnit']),
    ...Object.fromEntries(LIST_KEYS.map((k) => [k, lines(f[k])])) as Record<ListKey, string[]>,
    description: f.description, closesOn: f.closesOn, openings: num(f.openings) ?? 1,
  };
}
