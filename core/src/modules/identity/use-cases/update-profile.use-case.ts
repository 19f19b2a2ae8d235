import { isImageType } from '../../media/index.js';
import { toPrivateUser, type PrivateUser, type User } from '../domain/user.js';
import { conflict, forbidden, invalid, notFound, type DomainError } from '../../../shared/errors.js';
import { err, ok, type Result } from '../../../shared/result.js';
import { Issues } from '../../../shared/validate.js';
import type { Ports } from '../../../ports.js';

export interface UpdateProfileInput {
  actorId: string;
  userId: string;
  displayName?: unknown;
  bio?: unknown;
  avatarMediaId?: unknown;
}

/** A user edits their own display name, bio and avatar (an image they uploaded). */
export class UpdateProfile {
  constructor(private readonly deps: Pick<Ports, 'users' | 'media' | 'clock'>) {}

  async execute(input: UpdateProfileInput): Promise<Result<PrivateUser, DomainError>> {
    if (input.actorId !== input.userId) return err(forbidden('not_self', 'users may only edit their own profile'));
    const issues = new Issues();
    const patch: Partial<User> = {};
    const displayName = issues.text('displayName', input.displayName, { min: 1, max: 64 });
    if (displayName !== undefined) patch.displayName = displayName;
    const bio = issues.text('bio', input.bio, { max: 512 });
    if (bio !== undefined) patch.bio = bio;
    if (input.avatarMediaId !== undefined) {
      if (input.avatarMediaId === null) patch.avatarMediaId = null;
      else if (typeof input.avatarMediaId !== 'string') issues.add('avatarMediaId', 'must be a media id or null');
      else {
        const media = await this.deps.media.findById(input.avatarMediaId);
        if (!media || media.ownerId !== input.actorId) return err(notFound('media'));
        // The media exists; whether it can be an avatar depends on its state: a conflict, not a bad request.
        if (!isImageType(media.contentType) || media.status === 'rejected' || media.status === 'pending')
          return err(conflict('media_not_an_uploaded_image', 'an avatar must be an uploaded image'));
        patch.avatarMediaId = media.id;
      }
    }
    if (!issues.empty) return err(invalid(issues.list));
    const updated = await this.deps.users.update(input.userId, { ...patch, updatedAt: this.deps.clock.now() });
    return updated ? ok(toPrivateUser(updated)) : err(notFound('user'));
  }
}
