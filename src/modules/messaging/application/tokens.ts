/** Container keys of this module's use cases that other modules use. */
export const MESSAGING_PUBLIC = {
  PreviewReach: Symbol.for('messaging.PreviewReach'),
} as const;
