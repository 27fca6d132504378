/** Container keys of what this module offers other modules. */
export const MESSAGING_PUBLIC = {
  TemplateCatalogue: Symbol.for('messaging.TemplateCatalogue'),
} as const;
