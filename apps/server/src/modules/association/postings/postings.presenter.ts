import type { PostingInput, PostingView } from '@vigie/domain';
import type { PostingRow } from './postings.queries.js';

const num = (v: string | null) => (v === null ? null : Number(v));

/** The posting's fields as the domain names them (what the editor and the public page use). */
export function postingFields(r: PostingRow): PostingInput {
  return {
    title: r.title, engagement: r.engagement as PostingInput['engagement'], locality: r.locality, postalCode: r.postal_code,
    region: r.region, country: r.country, workplace: r.workplace as PostingInput['workplace'], schedule: r.schedule as PostingInput['schedule'],
    hoursPerWeek: num(r.hours_per_week), contract: r.contract, durationMonths: r.duration_months, startDate: r.start_date,
    payMin: num(r.pay_min), payMax: num(r.pay_max), payUnit: r.pay_unit as PostingInput['payUnit'],
    benefits: r.benefits, qualifications: r.qualifications, responsibilities: r.responsibilities, skills: r.skills, tools: r.tools,
    education: r.education, languages: r.languages, description: r.description, closesOn: r.closes_on, openings: r.openings,
  };
}

export function presentPosting(r: PostingRow, publicUrl: string | null): PostingView {
  return {
    id: r.id, ...postingFields(r), status: r.status as PostingView['status'], publishedAt: r.published_at?.toISOString() ?? null,
    createdAt: r.created_at.toISOString(), updatedAt: r.updated_at.toISOString(), publicUrl,
  };
}

/** The columns written from an input (create and update alike). */
export function postingColumns(p: PostingInput) {
  return {
    title: p.title, engagement: p.engagement, locality: p.locality, postal_code: p.postalCode, region: p.region, country: p.country,
    workplace: p.workplace, schedule: p.schedule, hours_per_week: p.hoursPerWeek, contract: p.contract, duration_months: p.durationMonths,
    start_date: p.startDate, pay_min: p.payMin, pay_max: p.payMax, pay_unit: p.payUnit, benefits: p.benefits,
    qualifications: p.qualifications, responsibilities: p.responsibilities, skills: p.skills, tools: p.tools, education: p.education,
    languages: p.languages, description: p.description, closes_on: p.closesOn, openings: p.openings,
  };
}
