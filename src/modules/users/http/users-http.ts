import type { Passport } from '../../../platform/http/authentication.js';
import type { DomainError } from '../../../platform/domain/errors.js';
import type { Result } from '../../../platform/domain/result.js';
import { unwrap, type Endpoints, type Reply } from '../../../platform/http/endpoint.js';
import { noContent } from '../../../platform/http/operations.js';
import type { ActivateAccount } from '../application/activate-account.js';
import type { CreateApiKey, ListApiKeys, RevokeApiKey } from '../application/api-keys.js';
import type { CompleteSecondFactor } from '../application/complete-second-factor.js';
import type { ConfirmPasswordReset } from '../application/confirm-password-reset.js';
import type { CreateUser } from '../application/create-user.js';
import type { DeactivateUser } from '../application/deactivate-user.js';
import type { GetUser } from '../application/get-user.js';
import type { AddGroupMember, CreateGroup, DeleteGroup, GetGroup, ListGroupMembers, ListGroups, RemoveGroupMember, UpdateGroup } from '../application/groups.js';
import type { ListUsers } from '../application/list-users.js';
import type { GetMe, ListSessions, RevokeMySession } from '../application/me.js';
import type { ReactivateUser } from '../application/reactivate-user.js';
import type { RefreshSession } from '../application/refresh-session.js';
import type { RequestPasswordReset } from '../application/request-password-reset.js';
import type { ResendInvitation } from '../application/resend-invitation.js';
import type { ResetUserSecondFactor } from '../application/reset-user-second-factor.js';
import type { RevokeUserSessions } from '../application/revoke-user-sessions.js';
import type { ConfirmSecondFactorEnrolment, DisableMySecondFactor, StartSecondFactorEnrolment } from '../application/second-factor-enrolment.js';
import type { SignInOperator } from '../application/sign-in-operator.js';
import type { SignInUser } from '../application/sign-in-user.js';
import type { SignOut } from '../application/sign-out.js';
import type { UpdateUser } from '../application/update-user.js';

/** The use cases behind the users module's routers; each router takes the part it serves. */
export interface UsersHttpDeps {
  endpoints: Endpoints;
  passport: Passport;
  signInUser: SignInUser;
  signInOperator: SignInOperator;
  completeSecondFactor: CompleteSecondFactor;
  refreshSession: RefreshSession;
  signOut: SignOut;
  activateAccount: ActivateAccount;
  requestPasswordReset: RequestPasswordReset;
  confirmPasswordReset: ConfirmPasswordReset;
  getMe: GetMe;
  listSessions: ListSessions;
  revokeMySession: RevokeMySession;
  startEnrolment: StartSecondFactorEnrolment;
  confirmEnrolment: ConfirmSecondFactorEnrolment;
  disableSecondFactor: DisableMySecondFactor;
  listUsers: ListUsers;
  getUser: GetUser;
  createUser: CreateUser;
  updateUser: UpdateUser;
  deactivateUser: DeactivateUser;
  reactivateUser: ReactivateUser;
  resendInvitation: ResendInvitation;
  revokeUserSessions: RevokeUserSessions;
  resetSecondFactor: ResetUserSecondFactor;
  createGroup: CreateGroup;
  listGroups: ListGroups;
  getGroup: GetGroup;
  updateGroup: UpdateGroup;
  deleteGroup: DeleteGroup;
  listMembers: ListGroupMembers;
  addMember: AddGroupMember;
  removeMember: RemoveGroupMember;
  createApiKey: CreateApiKey;
  listApiKeys: ListApiKeys;
  revokeApiKey: RevokeApiKey;
}

/** The answer to a command whose value the client does not get: 204 once it succeeded, its failure otherwise. */
export function noContentAfter(result: Result<unknown, DomainError>): Reply {
  unwrap(result);
  return noContent();
}
