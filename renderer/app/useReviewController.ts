import { useMemo } from 'react';
import { createValidator } from '../../shared/validation';
import { useApi } from '../api/context';
import { reviewController, type ReviewController } from '../store/review';

/** The window's review controller, with the rule catalogue as its local validator (findings at once after an edit). */
export function useReviewController(): ReviewController {
  const api = useApi();
  return useMemo(() => reviewController(api, (opts) => createValidator(opts)), [api]);
}
