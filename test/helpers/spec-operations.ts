import { loadSpec } from '../../src/platform/http/contract.js';

export interface SpecOperation {
  operationId: string;
  method: string;
  path: string;
  permission: string | null;
  secured: boolean;
}

/** Every operation of the contract, with the permission it declares (x-permission). */
export function specOperations(): SpecOperation[] {
  const spec = loadSpec();
  const operations: SpecOperation[] = [];
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const method of ['get', 'put', 'post', 'patch', 'delete']) {
      const operation = item[method] as { operationId?: string; security?: unknown[]; 'x-permission'?: string } | undefined;
      if (!operation) continue;
      operations.push({
        operationId: operation.operationId ?? `${method} ${path}`,
        method: method.toUpperCase(),
        path,
        permission: operation['x-permission'] ?? null,
        secured: !Array.isArray(operation.security) || operation.security.length > 0,
      });
    }
  }
  return operations;
}
