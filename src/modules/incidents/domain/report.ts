import type { ChainHead } from './log-chain.js';
import type { ActionEvent, ActionStatus } from './action.js';
import type { IncidentLocation, IncidentStatus, Severity } from './incident.js';

/** The after-action report: what happened, who did what when, for aftercare, investigation and learning. */
export interface IncidentReport {
  generatedAt: string;
  /** The log chain's head when the report was made: a copy of the log can be checked against it later. */
  chain: { valid: boolean; links: number; head: ChainHead | null; algorithm: string; canonicalization: string };
  organisation: string;
  incident: {
    id: string;
    title: string;
    type: string;
    severity: Severity;
    description: string | null;
    location: IncidentLocation | null;
    exercise: boolean;
    status: IncidentStatus;
    activatedAt: string;
    closedAt: string | null;
  };
  teams: Array<{ groupId: string; name: string; role: string; linkedAt: string; removedAt: string | null }>;
  participants: Array<{ userId: string; name: string; team: string | null; role: string; linkedAt: string; removedAt: string | null }>;
  overview: ReportEntry[];
  timeline: ReportEntry[];
  actions: Array<{
    id: string;
    title: string;
    description: string | null;
    assignee: string | null;
    dueAt: string | null;
    status: ActionStatus;
    createdBy: string;
    createdAt: string;
    completedBy: string | null;
    completedAt: string | null;
    history: ActionEvent[];
  }>;
  media: Array<{ id: string; kind: string; mimeType: string; name: string | null; entrySeq: number; postedBy: string; postedAt: string }>;
}

export interface ReportEntry {
  seq: number;
  at: string;
  author: string;
  team: string | null;
  role: string | null;
  classification: string | null;
  labels: string[];
  text: string;
  important: boolean;
  summary: string | null;
  correctsSeq: number | null;
  mediaCount: number;
  hash: string;
}
