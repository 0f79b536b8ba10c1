/** The campaigns' vocabulary, zod-free (the web imports it through `@vigie/domain/rules`). */
export const CAMPAIGN_TARGETS = ['authorities', 'elected_officials', 'press', 'public', 'partners', 'funders'] as const;
export type CampaignTarget = (typeof CAMPAIGN_TARGETS)[number];
export const POST_STATUSES = ['draft', 'approved', 'published'] as const;
export type PostStatus = (typeof POST_STATUSES)[number];
export const EVENT_KINDS = ['press_training', 'social_media_training', 'public_event', 'other'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];
export const CALENDAR_POLES = ['communication', 'field', 'legal', 'association'] as const;
export type CalendarPole = (typeof CALENDAR_POLES)[number];
/** 'grant_report': a grant's reporting date (communication/grants). */
export const CALENDAR_ITEM_KINDS = ['post', 'event', 'press_embargo', 'press_sent', 'grant_report'] as const;
export type CalendarItemKind = (typeof CALENDAR_ITEM_KINDS)[number];

