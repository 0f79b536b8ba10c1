import { useEffect, useState } from 'preact/hooks';
import { hasPermission, useUser } from '../../identity/auth/session';
import { evictionsApi, type ReviewCountsView } from './evictionsApi';

/**
 * How much waits for a coordinator (submitted records, open conflicts), for the navigation.
 * Read again on each page change, so the number follows the coordinator's own verifications.
 */
export function useReviewCounts(path: string): ReviewCountsView | null {
  const user = useUser();
  const allowed = hasPermission(user, 'field.verify');
  const [counts, setCounts] = useState<ReviewCountsView | null>(null);
  useEffect(() => {
    if (allowed) evictionsApi.counts().then(setCounts, () => setCounts(null));
  }, [allowed, path]);
  return counts;
}
