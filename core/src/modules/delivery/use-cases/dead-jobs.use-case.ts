import type { DomainError } from '../../../shared/errors.js';
import { err, ok, type Result } from '../../../shared/result.js';
import { invalid } from '../../../shared/errors.js';
import { JOB_NAMES, type DeadJob, type JobName } from '../ports/job-queue.port.js';
import type { Ports } from '../../../ports.js';
import { audit } from '../../moderation/index.js';
import { requireStaff } from '../../moderation/index.js';

const jobName = (name: string): Result<JobName, DomainError> =>
  (JOB_NAMES as readonly string[]).includes(name)
    ? ok(name as JobName)
    : err(invalid('name', `must be one of ${JOB_NAMES.join(', ')}`));

/** Jobs that will not run again by themselves, per job name, oldest first (moderators and admins). */
export class ListDeadJobs {
  constructor(private readonly deps: Pick<Ports, 'users' | 'jobs'>) {}

  async execute(input: { actorId: string; name: string; limit?: number }): Promise<Result<DeadJob[], DomainError>> {
    const staff = await requireStaff(this.deps.users, input.actorId);
    if (!staff.ok) return staff;
    const name = jobName(input.name);
    if (!name.ok) return name;
    return ok(await this.deps.jobs.listDead(name.value, Math.min(Math.max(input.limit ?? 50, 1), 500)));
  }
}

/**
 * An admin runs dead jobs again (all of a job name, or the ids given), from attempt 1, once whatever
 * killed them is fixed. Handlers are idempotent, so a job that had half-run does no harm. Audited.
 */
export class RetryDeadJobs {
  constructor(private readonly deps: Pick<Ports, 'users' | 'jobs' | 'audit' | 'ids' | 'clock'>) {}

  async execute(input: {
    actorId: string;
    name: string;
    ids?: string[];
  }): Promise<Result<{ retried: string[] }, DomainError>> {
    const staff = await requireStaff(this.deps.users, input.actorId, 'admin');
    if (!staff.ok) return staff;
    const name = jobName(input.name);
    if (!name.ok) return name;
    const retried = await this.deps.jobs.retryDead(name.value, input.ids);
    if (retried.length > 0)
      await audit(this.deps, {
        actorId: input.actorId,
        action: 'jobs.retried',
        targetType: 'job',
        targetId: name.value,
        data: { ids: retried },
      });
    return ok({ retried });
  }
}
