/** The admin API's answers the dashboard reads (see server/src/routes/admin*.ts). */

export interface PqlDefinition {
  id: string;
  title: string;
  scope: 'user' | 'account';
  threshold: number;
}

export interface Reason {
  rule?: 'fit' | 'value' | 'intent' | string;
  key?: string;
  label?: string;
  points?: number;
  detail?: string;
  at?: number;
}

export interface PqlRow {
  kind: 'user' | 'account';
  id: string;
  email?: string;
  name?: string;
  /** The lead's company: their account's name. */
  company?: string;
  score: number;
  qualifies: boolean;
  firstQualifiedAt: string | null;
  scoredAt: string | null;
  reasons: Reason[];
}

export interface PqlList {
  definition: string;
  count: number;
  /** Leads in all (the API pages with `offset` and `limit`). */
  total?: number;
  pqls: PqlRow[];
}

export interface Reached {
  id: string;
  scope: string;
  reachedAt: string | null;
}

export interface TimelineEvent {
  messageId: string;
  type: string;
  event?: string | null;
  userId?: string | null;
  anonymousId?: string | null;
  groupId?: string | null;
  timestamp: string | null;
  properties: Record<string, unknown>;
}

export interface ChecklistProgress {
  id: string;
  title: string;
  doneCount: number;
  total: number;
  complete: boolean;
  items: { id: string; title: string; done: boolean; doneAt: number | null }[];
}

export interface SubjectScore {
  definition: string;
  score: number;
  qualifies: boolean;
  firstQualifiedAt: string | null;
  reasons: Reason[];
  /** The required conditions not met, in words (`account plan = free`). */
  missing?: string[];
}

export interface UserDetail {
  userId: string;
  activatedAt: string | null;
  timeToValueMs: number | null;
  milestones: Reached[];
  accountMilestones: Reached[];
  checklists: ChecklistProgress[];
  pql: SubjectScore[];
  decisions: { kind: string; ref: string | null; at: string | null }[];
  traits: Record<string, unknown>;
  anonymousIds: string[];
  accountIds: string[];
  firstSeen: string | null;
  lastSeen: string | null;
  timeline: TimelineEvent[];
}

export interface AccountDetail {
  accountId: string;
  milestones: Reached[];
  pql?: SubjectScore[];
  traits: Record<string, unknown>;
  userIds: string[];
  firstSeen: string | null;
  lastSeen: string | null;
  timeline: TimelineEvent[];
}
