export type ReportStatus = 'open' | 'resolved';
export type ReportResolution = 'dismissed' | 'actioned';

export interface Report {
  id: string;
  messageId: string;
  conversationId: string;
  reporterId: string;
  reportedUserId: string;
  reason: string;
  status: ReportStatus;
  resolution: ReportResolution | null;
  resolutionNote: string | null;
  resolvedBy: string | null;
  resolvedAt: Date | null;
  createdAt: Date;
}

export type AuditAction =
  | 'user.banned'
  | 'user.unbanned'
  | 'user.role_changed'
  | 'user.erased'
  | 'user.exported'
  | 'user.password_changed'
  | 'user.password_reset'
  | 'user.2fa_enabled'
  | 'user.2fa_disabled'
  | 'user.2fa_recovery_codes_renewed'
  | 'message.moderated'
  | 'report.resolved'
  | 'flag.changed'
  | 'jobs.retried'
  | 'pin.removed'
  | 'invite.revoked'
  | 'user.messages_purged'
  | 'conversation.shut'
  | 'conversation.reopened'
  | 'conversation.deleted'
  | 'filter.added'
  | 'filter.removed'
  | 'message.approved'
  | 'message.rejected'
  | 'session.ended'
  | 'session.others_ended'
  | 'webhook.created'
  | 'webhook.changed'
  | 'webhook.deleted'
  | 'webhook.secret_rotated'
  | 'webhook.replayed';

/** What an audited action acts on (the API document lists the same, from here). */
export const AUDIT_TARGET_TYPES = [
  'user',
  'message',
  'report',
  'flag',
  'job',
  'invite',
  'conversation',
  'filter',
  'held_message',
  'session',
  'webhook',
] as const;
export type AuditTargetType = (typeof AUDIT_TARGET_TYPES)[number];

/** One moderator action; the log is append-only. */
export interface AuditEntry {
  id: string;
  actorId: string;
  action: AuditAction;
  targetType: AuditTargetType;
  targetId: string;
  reason: string | null;
  data: Record<string, unknown>;
  createdAt: Date;
}
