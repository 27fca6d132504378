/**
 * What the api primary and its worker processes tell each other over the cluster's IPC channel.
 * The database settings travel this way rather than through the environment, so the generated
 * secrets of the embedded database never show in a process listing's environment.
 */
export interface SharedDatabase {
  appUrl: string;
  jwtSecret: string;
  encryptionKey: string;
  location: string;
}

export type ClusterMessage =
  | { type: 'crisis:database-wanted' }
  | { type: 'crisis:database'; database: SharedDatabase }
  | { type: 'crisis:listening'; port: number };

export function isClusterMessage<T extends ClusterMessage['type']>(message: unknown, type: T): message is Extract<ClusterMessage, { type: T }> {
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === type;
}
