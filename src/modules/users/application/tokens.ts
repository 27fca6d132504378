/** Container keys of this module's use cases, for the composition root and other modules. */
export const USERS_APP = {
  Deps: Symbol.for('users.Deps'),
  Sessions: Symbol.for('users.Sessions'),
  Invitations: Symbol.for('users.Invitations'),
  ActivateAccount: Symbol.for('users.ActivateAccount'),
  SignInUser: Symbol.for('users.SignInUser'),
  SignInOperator: Symbol.for('users.SignInOperator'),
  CreateOperator: Symbol.for('users.CreateOperator'),
  ListUsers: Symbol.for('users.ListUsers'),
  GetUser: Symbol.for('users.GetUser'),
  EnsureUsers: Symbol.for('users.EnsureUsers'),
  EnsureGroups: Symbol.for('users.EnsureGroups'),
  PeopleDirectory: Symbol.for('users.PeopleDirectory'),
  InviteFirstAdmin: Symbol.for('users.InviteFirstAdmin'),
  UserPrivacy: Symbol.for('users.UserPrivacy'),
} as const;
