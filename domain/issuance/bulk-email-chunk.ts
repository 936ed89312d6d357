import { LockMode, ref, type EntityManager } from '@mikro-orm/postgresql';
import { BulkRun, BulkRunItem } from '../../entities';
import { principalOfAccount } from '../access/acting-account';
import { actorOf } from '../audit/actor';
import { DomainError, UnavailableError } from '../errors';
import { isExclusionReason } from './exclusion';
import { recordEmailIssuances, type RecordedEmailIssuance } from './email-issuance';
import { withTransitions } from './issuance-events';
import { verificationMailOf, type IssuanceStepServices, type VerificationMail } from './issuance-steps';

/** An issuance of a chunk and, when the chunk may send it, its verification mail. */
export interface ChunkIssuance {
  recorded: RecordedEmailIssuance;
  /** Made in the claiming transaction; unset: prepared again from the kept token (a resumed chunk). */
  mail?: VerificationMail;
}

export interface ClaimedChunk {
  companyCode: string;
  validityMs: number;
  /** The chunk's issuances still to send or to start, in position order. */
  issuances: ChunkIssuance[];
  /** The position of the chunk's last item (the workflow's next cursor), or null when the run has no more. */
  lastPosition: number | null;
}

/** Why the rest of a run is skipped when the administrator who started it may no longer issue. */
const starterGone = 'FORBIDDEN: the administrator who started the run may no longer issue';

/**
 * The items of a bulk e-mail run after `afterPosition` (and up to `throughPosition` when given), at most `limit`: each queued item claimed in one
 * transaction that records its issuance with the rules of a single issuance (supersede earlier open ones, the
 * policy as the starter is now), makes its token and says `started`, or says `skipped` with the reason (no
 * address, disabled, refused, or already issued: a bulk run issues first passwords only). A retried or resumed
 * chunk finds its items started and gets their issuances back, to send the same link again at most.
 */
export async function claimBulkChunk(
  em: EntityManager,
  services: IssuanceStepServices,
  runId: string,
  afterPosition: number,
  limit: number,
  throughPosition?: number,
): Promise<ClaimedChunk> {
  const run = await em.findOneOrFail(BulkRun, runId, { populate: ['company'] });
  const position =
    throughPosition === undefined ? { $gt: afterPosition } : { $gt: afterPosition, $lte: throughPosition };
  const items = await em.find(
    BulkRunItem,
    { run: runId, position },
    { orderBy: { position: 'asc' }, limit, populate: ['account', 'issuance'] },
  );
  const company = run.company.getEntity();
  const recordedCompany = { code: company.code, validityHours: company.verificationValidityHours };
  const validityMs = company.verificationValidityHours * 60 * 60 * 1000;
  // The run acts as the admin who started it, with that account's role now, and never with more than the run
  // was started with; the policy decides each employee as it would for a single issuance.
  const actor = await principalOfAccount(em, run.requestedBy?.id, run.mayReissue ? [] : ['issuance:reissue']);

  // An earlier attempt stopped between recording an issuance and starting its workflow (or before recording its
  // sent mail): the same link goes out again at most, and the start finds a running workflow.
  const issuances: ChunkIssuance[] = items.flatMap((item) => {
    const issuance = item.status === 'started' ? item.issuance?.getEntity() : undefined;
    if (!issuance || (issuance.status !== 'sending' && issuance.status !== 'pending')) return [];
    const accountCode = item.account.getEntity().code;
    return [{ recorded: { issuance, superseded: [], company: recordedCompany, accountCode, addressVerified: false } }];
  });

  const queued = items.filter((item) => item.status === 'queued');
  if (queued.length > 0 && !actor) {
    await em.nativeUpdate(
      BulkRunItem,
      { id: { $in: queued.map((item) => item.id) }, status: 'queued' },
      { status: 'skipped', skipReason: starterGone },
    );
  } else if (queued.length > 0 && actor) {
    const codeOf = new Map(queued.map((item) => [item.id, item.account.getEntity().code]));
    const claimedNow = await withTransitions(
      em.fork(),
      async (tx, transitions) => {
        const claimed = await tx.find(
          BulkRunItem,
          { id: { $in: queued.map((item) => item.id) }, status: 'queued' },
          { lockMode: LockMode.PESSIMISTIC_WRITE, orderBy: { position: 'asc' } },
        );
        const answers = await recordEmailIssuances(
          tx,
          transitions,
          actor,
          claimed.map((item) => ({ accountCode: codeOf.get(item.id)!, emailSlot: item.emailSlot })),
          { firstIssuanceOnly: true },
        );
        return claimed.flatMap((item, index): ChunkIssuance[] => {
          const answer = answers[index]!;
          if (answer instanceof DomainError) {
            if (answer instanceof UnavailableError) throw answer;
            // The employee's own problem (no address, disabled, already issued, …): recorded, and the run goes on.
            item.status = 'skipped';
            // A reason the previews know is kept as its code, which the results file and the console label.
            item.skipReason = isExclusionReason(answer.code) ? answer.code : `${answer.code}: ${answer.message}`;
            return [];
          }
          item.status = 'started';
          item.issuance = ref(answer.issuance);
          if (answer.issuance.status !== 'sending') return [{ recorded: answer }];
          // The token is made in the transaction that records the issuance: no second one to prepare the mail.
          const rows = {
            issuance: answer.issuance,
            account: answer.issuance.account.getEntity(),
            company: answer.issuance.company.getEntity(),
          };
          return [{ recorded: answer, mail: verificationMailOf(services, rows, validityMs, true) }];
        });
      },
      actorOf(actor),
    );
    issuances.push(...claimedNow);
  }
  return { companyCode: company.code, validityMs, issuances, lastPosition: items.at(-1)?.position ?? null };
}
