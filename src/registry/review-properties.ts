// The Workflows row's review properties, read from the page object: `Remind after` (text, "1
// working day"), `Backup reviewer` (people), `If nobody reviews` (select: Fail · Expire), and
// the row's creator (`created_by`), who owns the workflow. With Reviewer's people and the Steps'
// words, they make the definition's ReviewPolicy. Pure.
//
// Names match as row-properties.ts matches them (case, spaces and punctuation ignored). A missing
// property is the default; a value Baton cannot read is a warning and the default is used, so a
// typo never stops the workflow — Health says what is used instead.
import * as z from 'zod';
import type { Person, ReviewPolicy } from '../domain/workflow-definition';
import { DEFAULT_REVIEW_DELAY, describeDelay, readApprovalRule, readReviewDelay } from '../review/review-policy';
import { rowProblem, type RowProblem } from './row-problem';

const NAMES = {
  remindAfter: ['remindafter', 'reminder', 'remindreviewerafter'],
  backup: ['backupreviewer', 'backup', 'backupapprover'],
  ifNobodyReviews: ['ifnobodyreviews', 'ifnoonereviews', 'reviewtimeout'],
} as const;

const Value = z.looseObject({
  type: z.string(),
  rich_text: z.array(z.object({ plain_text: z.string() })).optional(),
  select: z.object({ name: z.string() }).nullable().optional(),
  status: z.object({ name: z.string() }).nullable().optional(),
  people: z.array(z.looseObject({ object: z.string(), id: z.string(), type: z.string().optional(), name: z.string().nullable().optional() })).optional(),
});

const Page = z.object({
  created_by: z.object({ id: z.string() }).optional(),
  properties: z.record(z.string(), z.unknown()),
});

export interface ReviewPropertiesReading {
  policy: Omit<ReviewPolicy, 'reviewers' | 'approvalRule'>;
  /** What the content hash takes: the properties as written (the creator never changes). */
  hashed: { remindAfter: string | null; backup: string | null; ifNobodyReviews: string | null } | null;
  problems: RowProblem[];
}

const normalise = (name: string) => name.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

export function readReviewProperties(page: unknown): ReviewPropertiesReading {
  const parsed = Page.parse(page);
  const byName = new Map<string, z.infer<typeof Value>>();
  for (const [name, raw] of Object.entries(parsed.properties)) {
    const value = Value.safeParse(raw);
    if (value.success && !byName.has(normalise(name))) byName.set(normalise(name), value.data);
  }
  const find = (names: readonly string[]) => names.map((n) => byName.get(n)).find((v) => v !== undefined);
  const textOf = (value: z.infer<typeof Value> | undefined): string | null => {
    if (!value) return null;
    const words = value.rich_text?.map((t) => t.plain_text).join('') ?? value.select?.name ?? value.status?.name ?? '';
    return words.trim() === '' ? null : words.trim();
  };
  const problems: RowProblem[] = [];

  let remindAfter = textOf(find(NAMES.remindAfter));
  if (remindAfter !== null && readReviewDelay(remindAfter) === null) {
    problems.push(rowProblem({ kind: 'remind_after_invalid', value: remindAfter, used: describeDelay(DEFAULT_REVIEW_DELAY) }));
    remindAfter = null;
  }
  const backupPerson = find(NAMES.backup)?.people?.find((p) => p.object === 'user' && p.type !== 'bot');
  const backup: Person | null = backupPerson ? { id: backupPerson.id, name: backupPerson.name ?? null } : null;
  const policyText = textOf(find(NAMES.ifNobodyReviews));
  let ifNobodyReviews: ReviewPolicy['ifNobodyReviews'] = 'Fail';
  if (policyText !== null) {
    if (/^expire/i.test(policyText)) ifNobodyReviews = 'Expire';
    else if (!/^fail/i.test(policyText)) problems.push(rowProblem({ kind: 'if_nobody_reviews_unknown', value: policyText }));
  }
  const written = { remindAfter: textOf(find(NAMES.remindAfter)), backup: backup?.id ?? null, ifNobodyReviews: policyText };
  return {
    policy: { backup, ownerId: parsed.created_by?.id ?? null, remindAfter, ifNobodyReviews },
    hashed: written.remindAfter === null && written.backup === null && written.ifNobodyReviews === null ? null : written,
    problems,
  };
}

/** The whole policy: the review properties, every person in Reviewer, and the rule the Steps state. */
export function reviewPolicyOf(reading: ReviewPropertiesReading, reviewers: readonly Person[], stepLines: readonly string[]): ReviewPolicy {
  return { ...reading.policy, reviewers: [...reviewers], approvalRule: readApprovalRule(stepLines) };
}
