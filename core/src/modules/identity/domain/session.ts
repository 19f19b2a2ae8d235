/** A refresh-token family: one login on one device, rotated on every refresh. */
export interface RefreshTokenFamily {
  id: string;
  userId: string;
  /** Hash of the one refresh secret that is valid now. */
  tokenHash: string;
  createdAt: Date;
  rotatedAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
}
