import type { PostingInput } from './postings.js';
import { employmentTypes } from './vocabulary.js';
import { parisDate } from '../field/paris-time.js';

/**
 * The schema.org JobPosting a job board (Google for Jobs and others) reads from the public page:
 * the properties they require — title, description (HTML), datePosted, validThrough,
 * employmentType, hiringOrganization, jobLocation — and baseSalary only when a pay is given.
 */
export type JobPostingLd = {
  '@context': 'https://schema.org';
  '@type': 'JobPosting';
  title: string;
  description: string;
  datePosted: string;
  validThrough: string;
  employmentType: string[];
  hiringOrganization: { '@type': 'Organization'; name: string; sameAs?: string };
  jobLocation: { '@type': 'Place'; address: { '@type': 'PostalAddress'; addressLocality: string; postalCode?: string; addressRegion?: string; addressCountry: string } };
  jobLocationType?: 'TELECOMMUTE';
  applicantLocationRequirements?: { '@type': 'Country'; name: string };
  baseSalary?: { '@type': 'MonetaryAmount'; currency: 'EUR'; value: { '@type': 'QuantitativeValue'; minValue?: number; maxValue?: number; value?: number; unitText: 'HOUR' | 'MONTH' | 'YEAR' } };
  directApply: boolean;
  url: string;
  identifier: { '@type': 'PropertyValue'; name: string; value: string };
  totalJobOpenings: number;
  jobStartDate?: string;
  workHours?: string;
  jobBenefits?: string;
  qualifications?: string;
  responsibilities?: string;
  skills?: string;
  educationRequirements?: string;
};

/** The UTC offset of Europe/Paris on a calendar day ("+01:00" in winter, "+02:00" in summer). */
export function parisOffset(day: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', timeZoneName: 'longOffset' }).formatToParts(new Date(`${day}T12:00:00Z`));
  const name = parts.find((p) => p.type === 'timeZoneName')?.value ?? 'GMT+01:00';
  return name === 'GMT' ? '+00:00' : name.replace('GMT', '');
}

/** The closing day is open until its last second in Paris. */
export function validThroughOf(closesOn: string): string {
  return `${closesOn}T23:59:59${parisOffset(closesOn)}`;
}

export function jobPostingLd(
  p: PostingInput & { id: string; publishedAt: string },
  context: { organisationName: string; organisationUrl?: string | undefined; pageUrl: string; descriptionHtml: string },
): JobPostingLd {
  const joined = (items: string[]) => (items.length > 0 ? items.join('\n') : undefined);
  const pay = (): JobPostingLd['baseSalary'] => {
    if (p.payUnit === null || (p.payMin === null && p.payMax === null)) return undefined;
    const unitText = ({ hour: 'HOUR', month: 'MONTH', year: 'YEAR' } as const)[p.payUnit];
    const value = p.payMin !== null && p.payMax !== null && p.payMin !== p.payMax
      ? { '@type': 'QuantitativeValue' as const, minValue: p.payMin, maxValue: p.payMax, unitText }
      : { '@type': 'QuantitativeValue' as const, value: (p.payMin ?? p.payMax)!, unitText };
    return { '@type': 'MonetaryAmount', currency: 'EUR', value };
  };
  const optional = {
    jobLocationType: p.workplace === 'remote' ? 'TELECOMMUTE' as const : undefined,
    applicantLocationRequirements: p.workplace === 'remote' ? { '@type': 'Country' as const, name: p.country } : undefined,
    baseSalary: pay(),
    jobStartDate: p.startDate ?? undefined,
    workHours: p.hoursPerWeek !== null ? `${p.hoursPerWeek} h/week` : undefined,
    jobBenefits: joined(p.benefits),
    qualifications: joined(p.qualifications),
    responsibilities: joined(p.responsibilities),
    skills: joined([...p.skills, ...p.tools, ...p.languages]),
    educationRequirements: joined(p.education),
  };
  return {
    '@context': 'https://schema.org',
    '@type': 'JobPosting',
    title: p.title,
    description: context.descriptionHtml,
    // The day it was published where the organisation is (a posting at 00:30 in Paris is dated that day, not the day before in UTC).
    datePosted: parisDate(p.publishedAt),
    validThrough: validThroughOf(p.closesOn),
    employmentType: employmentTypes(p),
    hiringOrganization: { '@type': 'Organization', name: context.organisationName, ...(context.organisationUrl && { sameAs: context.organisationUrl }) },
    jobLocation: {
      '@type': 'Place',
      address: {
        '@type': 'PostalAddress', addressLocality: p.locality, addressCountry: p.country,
        ...(p.postalCode && { postalCode: p.postalCode }), ...(p.region && { addressRegion: p.region }),
      },
    },
    directApply: true,
    url: context.pageUrl,
    identifier: { '@type': 'PropertyValue', name: context.organisationName, value: p.id },
    totalJobOpenings: p.openings,
    ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)),
  };
}
