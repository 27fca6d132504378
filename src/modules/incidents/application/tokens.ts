/** Container keys of this module's use cases that the composition root and onboarding reach. */
export const INCIDENTS_APP = {
  Deps: Symbol.for('incidents.Deps'),
  EnsureIncidentSetup: Symbol.for('incidents.EnsureIncidentSetup'),
} as const;
