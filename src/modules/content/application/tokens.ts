/** Container keys of what the content module offers other modules through its application layer. */
export const CONTENT_PUBLIC = {
  ContactPrivacy: Symbol.for('content.ContactPrivacy'),
  PlanReader: Symbol.for('content.PlanReader'),
} as const;
