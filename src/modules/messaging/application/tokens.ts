/** Container keys of what this module offers other modules. */
export const MESSAGING_PUBLIC = {
  PreviewReach: Symbol.for('messaging.PreviewReach'),
  TemplateCatalogue: Symbol.for('messaging.TemplateCatalogue'),
  EnsureMessageTemplates: Symbol.for('messaging.EnsureMessageTemplates'),
} as const;
