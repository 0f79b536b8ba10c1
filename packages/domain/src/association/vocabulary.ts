/** Words and pure rules of recruitment, without zod so the web bundle can import them. */
export const ENGAGEMENTS = ['employment', 'internship', 'volunteering', 'civic_service'] as const;
export type Engagement = (typeof ENGAGEMENTS)[number];
export const WORKPLACES = ['on_site', 'hybrid', 'remote'] as const;
export const SCHEDULES = ['full_time', 'part_time'] as const;
/** The period a salary or gratification is expressed for (schema.org unitText). */
export const PAY_UNITS = ['hour', 'month', 'year'] as const;
export const POSTING_STATUSES = ['draft', 'published', 'closed'] as const;
export type PostingStatus = (typeof POSTING_STATUSES)[number];


type PostingRuleInput = {
  engagement: Engagement; schedule: (typeof SCHEDULES)[number]; durationMonths: number | null;
  payMin: number | null; payMax: number | null; payUnit: (typeof PAY_UNITS)[number] | null; closesOn: string;
};

export type PostingProblem = 'posting.pay_range_inverted' | 'posting.pay_unit_missing' | 'posting.closing_date_past';

/**
 * The rules a posting must follow beyond its shape. `today` is the Paris calendar date: a
 * posting closing before today could never be applied to.
 */
export function postingProblems(p: PostingRuleInput, today: string): PostingProblem[] {
  const problems: PostingProblem[] = [];
  if (p.payMin !== null && p.payMax !== null && p.payMin > p.payMax) problems.push('posting.pay_range_inverted');
  if ((p.payMin !== null || p.payMax !== null) && p.payUnit === null) problems.push('posting.pay_unit_missing');
  if (p.closesOn < today) problems.push('posting.closing_date_past');
  return problems;
}

/** Open for applications: published, and the closing day (Paris) not yet over. */
export function isOpen(p: { status: PostingStatus; closesOn: string }, today: string): boolean {
  return p.status === 'published' && p.closesOn >= today;
}

/** schema.org employmentType values for an engagement (Google for Jobs accepts an array). */
export function employmentTypes(p: Pick<PostingRuleInput, 'engagement' | 'schedule' | 'durationMonths'>): string[] {
  const time = p.schedule === 'full_time' ? 'FULL_TIME' : 'PART_TIME';
  switch (p.engagement) {
    case 'employment': return p.durationMonths ? [time, 'TEMPORARY'] : [time];
    case 'internship': return ['INTERN'];
    case 'volunteering': return ['VOLUNTEER'];
    // A civic service is a fixed-term engagement with an allowance, not volunteering in schema.org's sense.
    case 'civic_service': return [time, 'TEMPORARY'];
  }
}

/** The job-alert category a posting belongs to (civic service is announced with volunteering). */
export const ALERT_CATEGORIES = ['employment', 'internship', 'volunteering'] as const;
export const JOB_ALERT_CATEGORIES = ALERT_CATEGORIES;
export type JobAlertCategory = (typeof ALERT_CATEGORIES)[number];
export function alertCategoryOf(engagement: Engagement): JobAlertCategory {
  return engagement === 'civic_service' ? 'volunteering' : engagement;
}

/** The recruitment pipeline, in order; hired and declined end it. */
export const APPLICATION_STAGES = ['received', 'shortlisted', 'interview', 'offer', 'hired', 'declined'] as const;
export type ApplicationStage = (typeof APPLICATION_STAGES)[number];
