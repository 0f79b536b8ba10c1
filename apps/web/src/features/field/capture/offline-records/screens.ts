/** The lazy chunk of OfflineRecordPage. */
export { RoundCapturePage } from './RoundCapturePage';
export { TestimonyCapturePage } from './TestimonyCapturePage';
