/** Container keys of what this module offers other modules. */
export const MESSAGING_PUBLIC = {
  PreviewReach: Symbol.for('messaging.PreviewReach'),
  TemplateCatalogue: Symbol.for('messaging.TemplateCatalogue'),
  EnsureMessageTemplates: Symbol.for('messaging.EnsureMessageTemplates'),
  /** Tells people what another module decided they must hear (NotifyPeople). */
  NotifyPeople: Symbol.for('messaging.NotifyPeople'),
} as const;
