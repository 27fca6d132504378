import type { ContentDeps } from './deps.js';

export interface ScenarioPlan {
  id: string;
  title: string;
  escalationLevels: Array<{ level: number; name: string }>;
  taskCardIds: string[];
}

export interface TaskCardPlan {
  id: string;
  title: string;
  role: string;
  steps: string[];
}

/**
 * Scenarios and task cards as plans another module starts from (incidents activate from them):
 * live items only, draft or published, since an admin may prepare a plan before showing it to members.
 */
export class PlanReader {
  constructor(private readonly d: Pick<ContentDeps, 'items'>) {}

  async scenario(tenantId: string, id: string): Promise<ScenarioPlan | null> {
    const item = await this.d.items.byId(tenantId, id);
    if (item?.kind !== 'scenario') return null;
    const levels = Array.isArray(item.body.escalationLevels) ? (item.body.escalationLevels as Array<{ level: number; name: string }>) : [];
    const cards = Array.isArray(item.body.taskCardIds) ? (item.body.taskCardIds as unknown[]).filter((v): v is string => typeof v === 'string') : [];
    return { id: item.id, title: item.title, escalationLevels: levels.map((l) => ({ level: l.level, name: l.name })), taskCardIds: [...new Set(cards)] };
  }

  async taskCards(tenantId: string, ids: string[]): Promise<TaskCardPlan[]> {
    const cards: TaskCardPlan[] = [];
    for (const id of [...new Set(ids)]) {
      const item = await this.d.items.byId(tenantId, id);
      if (item?.kind !== 'task_card') continue;
      const steps = Array.isArray(item.body.steps) ? (item.body.steps as unknown[]).filter((s): s is string => typeof s === 'string') : [];
      cards.push({ id: item.id, title: item.title, role: typeof item.body.role === 'string' ? item.body.role : '', steps });
    }
    return cards;
  }
}
