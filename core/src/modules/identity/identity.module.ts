import type { DepsOf } from '../../shared/deps.js';
import { buildUseCases, type BuiltUseCases, type UseCaseRecipes } from '../../shared/use-case-recipes.js';
import type { CoreConfig } from '../../shared/config.js';
import { AuthenticateAccessToken } from './use-cases/authenticate-access-token.use-case.js';
import { ChangePassword } from './use-cases/change-password.use-case.js';
import { GetUser } from './use-cases/get-user.use-case.js';
import { LogIn } from './use-cases/log-in.use-case.js';
import { LogOut } from './use-cases/log-out.use-case.js';
import { RefreshSession } from './use-cases/refresh-session.use-case.js';
import { RegisterUser } from './use-cases/register-user.use-case.js';
import { SearchUsers } from './use-cases/search-users.use-case.js';
import { UpdateProfile } from './use-cases/update-profile.use-case.js';
import { BlockUser, ListBlockedUsers, UnblockUser } from './use-cases/block-user.use-case.js';
import {
  GetNotificationSettings,
  GetPrivacy,
  UpdateNotificationSettings,
  UpdatePrivacy,
} from './use-cases/privacy.use-case.js';
import { EndOtherSessions, EndSession, ListSessions } from './use-cases/sessions.use-case.js';
import { RequestPasswordReset, ResetPassword } from './use-cases/password-reset.use-case.js';
import { RequestEmailVerification, VerifyEmail } from './use-cases/email-verification.use-case.js';
import {
  CompleteTwoFactorSignIn,
  DisableTwoFactor,
  EnableTwoFactor,
  GetTwoFactorStatus,
  RenewRecoveryCodes,
  SetUpTwoFactor,
} from './use-cases/two-factor.use-case.js';

/** What the identity use cases need: the union of the ports their constructors name, and nothing else. */
export type IdentityDeps = DepsOf<typeof AuthenticateAccessToken> &
  DepsOf<typeof ChangePassword> &
  DepsOf<typeof GetUser> &
  DepsOf<typeof LogIn> &
  DepsOf<typeof LogOut> &
  DepsOf<typeof RefreshSession> &
  DepsOf<typeof RegisterUser> &
  DepsOf<typeof SearchUsers> &
  DepsOf<typeof UpdateProfile> &
  DepsOf<typeof BlockUser> &
  DepsOf<typeof GetPrivacy> &
  DepsOf<typeof UpdatePrivacy> &
  DepsOf<typeof GetNotificationSettings> &
  DepsOf<typeof UpdateNotificationSettings> &
  DepsOf<typeof UnblockUser> &
  DepsOf<typeof ListBlockedUsers> &
  DepsOf<typeof ListSessions> &
  DepsOf<typeof EndSession> &
  DepsOf<typeof EndOtherSessions> &
  DepsOf<typeof RequestPasswordReset> &
  DepsOf<typeof ResetPassword> &
  DepsOf<typeof RequestEmailVerification> &
  DepsOf<typeof VerifyEmail> &
  DepsOf<typeof GetTwoFactorStatus> &
  DepsOf<typeof SetUpTwoFactor> &
  DepsOf<typeof EnableTwoFactor> &
  DepsOf<typeof DisableTwoFactor> &
  DepsOf<typeof RenewRecoveryCodes> &
  DepsOf<typeof CompleteTwoFactorSignIn>;

/**
 * The identity module: accounts, sign-in and sessions, access tokens, profiles and user search.
 * Each use case is built from the ports it names, by the one recipe listed here.
 */
export const identityUseCases = {
  registerUser: (deps: IdentityDeps, config: CoreConfig) => new RegisterUser(deps, config),
  logIn: (deps: IdentityDeps, config: CoreConfig) => new LogIn(deps, config),
  refreshSession: (deps: IdentityDeps) => new RefreshSession(deps),
  logOut: (deps: IdentityDeps) => new LogOut(deps),
  changePassword: (deps: IdentityDeps) => new ChangePassword(deps),
  authenticate: (deps: IdentityDeps) => new AuthenticateAccessToken(deps),
  getUser: (deps: IdentityDeps) => new GetUser(deps),
  updateProfile: (deps: IdentityDeps) => new UpdateProfile(deps),
  searchUsers: (deps: IdentityDeps) => new SearchUsers(deps),
  blockUser: (deps: IdentityDeps) => new BlockUser(deps),
  getPrivacy: (deps: IdentityDeps) => new GetPrivacy(deps),
  updatePrivacy: (deps: IdentityDeps) => new UpdatePrivacy(deps),
  getNotificationSettings: (deps: IdentityDeps) => new GetNotificationSettings(deps),
  updateNotificationSettings: (deps: IdentityDeps) => new UpdateNotificationSettings(deps),
  unblockUser: (deps: IdentityDeps) => new UnblockUser(deps),
  listBlockedUsers: (deps: IdentityDeps) => new ListBlockedUsers(deps),
  listSessions: (deps: IdentityDeps) => new ListSessions(deps),
  endSession: (deps: IdentityDeps) => new EndSession(deps),
  endOtherSessions: (deps: IdentityDeps) => new EndOtherSessions(deps),
  requestPasswordReset: (deps: IdentityDeps) => new RequestPasswordReset(deps),
  resetPassword: (deps: IdentityDeps) => new ResetPassword(deps),
  requestEmailVerification: (deps: IdentityDeps) => new RequestEmailVerification(deps),
  verifyEmail: (deps: IdentityDeps) => new VerifyEmail(deps),
  getTwoFactorStatus: (deps: IdentityDeps) => new GetTwoFactorStatus(deps),
  setUpTwoFactor: (deps: IdentityDeps) => new SetUpTwoFactor(deps),
  enableTwoFactor: (deps: IdentityDeps) => new EnableTwoFactor(deps),
  disableTwoFactor: (deps: IdentityDeps) => new DisableTwoFactor(deps),
  renewRecoveryCodes: (deps: IdentityDeps) => new RenewRecoveryCodes(deps),
  completeTwoFactorSignIn: (deps: IdentityDeps) => new CompleteTwoFactorSignIn(deps),
} satisfies UseCaseRecipes<IdentityDeps>;

export function identityModule(deps: IdentityDeps, config: CoreConfig) {
  return buildUseCases(identityUseCases, deps, config);
}

export type IdentityModule = BuiltUseCases<typeof identityUseCases>;
/** The DI token of the built module (apps bind it per module; see runtime/src/core-modules.ts). */
export const IdentityModule = Symbol.for('IdentityModule');
