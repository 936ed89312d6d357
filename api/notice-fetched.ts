import { passwordNoticeFetchedSignal } from '../contract';
import type { ApiServices } from './services';

/**
 * Tells the notice's workflow that its PDF was downloaded, so it completes now instead of at the link's expiry.
 * Not awaited by the download: the PDF is already out, and if the signal is lost the workflow's timer still
 * ends it (discarding finds nothing left to delete).
 */
export function tellNoticeFetched(services: Pick<ApiServices, 'temporal' | 'logger'>, workflowId: string): void {
  services.temporal.workflow
    .getHandle(workflowId)
    .signal(passwordNoticeFetchedSignal)
    .catch((error: unknown) => services.logger.warn({ err: error, workflowId }, 'could not tell the notice workflow'));
}
