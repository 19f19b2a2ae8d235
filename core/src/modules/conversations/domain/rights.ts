/**
 * Granular rights, as Telegram has them. An admin holds a subset of the admin rights (the owner all of them;
 * an admin stored without a list, as every admin was before rights existed, what admins could do then: every
 * right but appointing admins). Members of
 * a group hold what the group's default permissions give them; a restricted member less (see restriction.ts).
 */
export const ADMIN_RIGHTS = [
  /** Change the name, description, avatar, username and settings. */
  'changeInfo',
  /** Delete other people's messages. */
  'deleteMessages',
  /** Remove, ban and restrict members, and set the members' default permissions. */
  'banUsers',
  /** Add people, and manage invite links and join requests. */
  'inviteUsers',
  /** Pin and unpin messages. */
  'pinMessages',
  /** Appoint admins with rights the appointing admin holds. */
  'addAdmins',
  /** Channels: post. */
  'postMessages',
] as const;
export type AdminRight = (typeof ADMIN_RIGHTS)[number];

/** What a group's members may do by default; an owner or admin with `banUsers` sets them. */
export const MEMBER_PERMISSIONS = [
  'sendMessages',
  'sendMedia',
  'sendLinks',
  'sendPolls',
  'addMembers',
  'pinMessages',
  'changeInfo',
] as const;
export type MemberPermission = (typeof MEMBER_PERMISSIONS)[number];
export type MemberPermissions = Record<MemberPermission, boolean>;

/** Today's defaults (what members could do before permissions existed): post anything and add people. */
export const DEFAULT_MEMBER_PERMISSIONS: MemberPermissions = {
  sendMessages: true,
  sendMedia: true,
  sendLinks: true,
  sendPolls: true,
  addMembers: true,
  pinMessages: false,
  changeInfo: false,
};

/** What an admin appointed without a list holds: what every admin could do before rights (all but addAdmins). */
export const DEFAULT_ADMIN_RIGHTS: readonly AdminRight[] = ADMIN_RIGHTS.filter((r) => r !== 'addAdmins');

/** The rights a participant holds: the owner every one, an admin their list (none stored: DEFAULT_ADMIN_RIGHTS). */
export function rightsOf(participant: { role: string; rights?: AdminRight[] | null }): AdminRight[] {
  if (participant.role === 'owner') return [...ADMIN_RIGHTS];
  if (participant.role === 'admin') return [...(participant.rights ?? DEFAULT_ADMIN_RIGHTS)];
  return [];
}

/** A group's member permissions, the defaults filling what was never set. */
export const permissionsOf = (settings: { permissions?: Partial<MemberPermissions> | null }): MemberPermissions => ({
  ...DEFAULT_MEMBER_PERMISSIONS,
  ...(settings.permissions ?? {}),
});
