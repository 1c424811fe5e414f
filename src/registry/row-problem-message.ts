// Words for every RowProblem: what is wrong, quoting what the person wrote ('…', as the
// schedule module's words do), and exactly what to do. One exhaustive switch; a new kind without words fails to compile.
import { planProblemMessage } from '../plan/plan-problem-message';
import { scheduleProblemMessage } from '../schedule';
import { linkHost, linkService } from './links';
import type { LinkField, LinkFound, RowProblem } from './row-problem';
import { SECTION_TITLES } from './section-headings';

export function rowProblemMessage(problem: RowProblem): string {
  switch (problem.kind) {
    case 'property_wrong_type':
      return `The ${quote(problem.property)} column is a ${typeName(problem.found)} property, so Baton can't read it — change its type to ${problem.expected} (click the column name → Edit property → Type).`;
    case 'missing_name':
      return 'This row has no Name — give the workflow a name; Baton uses it to title every run and output.';
    case 'unknown_state':
      return `State is ${quote(problem.value)}, which Baton doesn't know — set it to Draft, Active or Paused.`;
    case 'unknown_mode':
      return `Mode is ${quote(problem.value)}, which Baton doesn't know — set it to Live (publish the outputs) or Trial (run and review, and publish only to the Trial page or folder), or leave it empty for Live.`;
    case 'unknown_learning':
      return `Learning is ${quote(problem.value)}, which Baton doesn't know — set it to Automatic (lessons from reviews are used at once), Ask first (they wait for a person to tick them) or Off; until then Baton learns as Automatic.`;
    case 'schedule_invalid':
    case 'schedule_unsupported':
      return scheduleProblemMessage(problem.problem);
    case 'schedule_never_runs':
      return `Schedule ${quote(problem.text)} never comes round again, so this workflow would never run — check the date or day in it.`;
    case 'time_zone_invalid': {
      const words = scheduleProblemMessage({ kind: 'time_zone_invalid', timeZone: problem.value, suggestion: problem.suggestion });
      return problem.value === problem.defaultTimeZone ? words : `${words}, or leave Time zone empty to use ${problem.defaultTimeZone}`;
    }
    case 'nothing_starts_it':
      return "State is Active but nothing will start this workflow — add a Schedule (for example 'every Monday at 9:00'), a Watch folder (a Google Drive folder link) or a Trigger (for example 'when a row in @Deals has Stage = Closed won'), or set State to Draft.";
    case 'watch_folder_invalid':
      return `Watch folder ${quote(problem.value)} is not a Google Drive folder link${foundHint(problem.found)} — open the folder in Drive and copy the address from the browser (it looks like https://drive.google.com/drive/folders/…).`;
    case 'output_folder_invalid':
      return `Output folder ${quote(problem.value)} is not a Google Drive folder link${foundHint(problem.found)} — open the folder the Google Docs should go to and copy its address (it looks like https://drive.google.com/drive/folders/…).`;
    case 'output_page_invalid':
      return `Output page ${quote(problem.value)} is not a Notion page link${foundHint(problem.found)} — open the page the dated pages should go under, click Share → Copy link, and paste it here.`;
    case 'no_output_destination':
      return 'This workflow has nowhere to publish — add an Output page (a Notion page link) or an Output folder (a Google Drive folder link), or both.';
    case 'trial_link_invalid':
      return problem.field === 'Trial page'
        ? `Trial page ${quote(problem.value)} is not a Notion page link${foundHint(problem.found)} — open the page trial outputs should go under, click Share → Copy link, and paste it here.`
        : `Trial folder ${quote(problem.value)} is not a Google Drive folder link${foundHint(problem.found)} — open the folder trial Docs should go to and copy its address (it looks like https://drive.google.com/drive/folders/…).`;
    case 'trial_without_destination':
      return 'Mode is Trial but there is no Trial page or Trial folder, so trial output will only stay on the Run page — add a Trial page (a Notion page link) or a Trial folder (a Google Drive folder link) to publish trial outputs there, away from the live Output page and folder.';
    case 'human_version_invalid':
      return `Human version ${quote(problem.value)} is not a link Baton can compare with${foundHint(problem.found)} — link the Notion page or Google Doc the team wrote, or the Notion page or Drive folder their versions go in; until then trial runs are not compared.`;
    case 'reviewer_not_person':
      return `Reviewer must be a person — ${problem.name ? quote(problem.name) : 'the one chosen'} is ${problem.type === 'bot' ? 'an integration (a bot)' : 'a group'}. Pick one teammate as Reviewer, or leave it empty to publish without review.`;
    case 'reviewer_several':
      return `Reviewer lists ${problem.names.length} people (${problem.names.join(', ')}); any one of them may approve a run — write "all of them must approve" in Steps if each must.`;
    case 'remind_after_invalid':
      return `Remind after is ${quote(problem.value)}, which Baton can't read as a delay — write it like '1 working day' or '4 hours'. Until then reviewers are reminded after ${problem.used}.`;
    case 'if_nobody_reviews_unknown':
      return `If nobody reviews is ${quote(problem.value)}, which Baton doesn't know — set it to Fail (the run fails) or Expire (the run ends as Expired and keeps its draft). Until then an unreviewed run fails.`;
    case 'no_reviewer':
      return 'This workflow publishes without review — add a Reviewer (one person) so every draft waits for their approval before anything is published.';
    case 'reviewer_required':
      return 'This workflow has no Reviewer, and this Baton requires one on every Live workflow (REQUIRE_REVIEWER), so it will not run — add a Reviewer (one person), or set Mode to Trial.';
    case 'schedule_too_frequent':
      return `Schedule ${quote(problem.text)} runs ${problem.minutes <= 1 ? 'every minute' : `${problem.minutes} minutes apart`}, more often than every 15 minutes — each run drafts with the model and may ask for a review, so runs can pile up; if you meant less often, write e.g. 'every hour' or 'every day at 9:00'.`;
    case 'body_truncated':
      return 'The page is too long for Notion to send in full, so Baton read only its beginning — move long reference material to its own page and link it under Context.';
    case 'unknown_section':
      return `Section ${quote(problem.heading)} is not one Baton knows — use Goal, Trigger, Steps, Context, Output template or Lessons. Its text was kept as part of ${SECTION_TITLES[problem.keptIn]}.`;
    case 'duplicate_section':
      return `There are two ${SECTION_TITLES[problem.section]} sections (the second is headed ${quote(problem.heading)}) — Baton joined them; merge them into one so it is clear what belongs where.`;
    case 'no_goal':
      return problem.bodyEmpty
        ? "The page is empty — open the row and write a 'Goal' heading with a sentence or two saying what this workflow should produce."
        : "The Goal is empty — under a 'Goal' heading, write a sentence or two saying what this workflow should produce.";
    case 'too_many_steps':
      return `Steps has ${problem.count} steps; Baton runs at most ${problem.max} — merge some steps, or split the work into two workflows.`;
    case 'step_number_duplicate':
      return `Step ${problem.number} appears more than once in Steps — renumber the steps 1, 2, 3… so 'after step ${problem.number}' means one step.`;
    case 'step_number_gap':
      return `Steps skip number${problem.missing.length > 1 ? 's' : ''} ${listNumbers(problem.missing)} — renumber them 1, 2, 3… so 'after step N' means what you expect.`;
    case 'context_link_unsupported':
      return linkService(problem.url) === 'other'
        ? `Context line ${quote(problem.line)} links to ${linkHost(problem.url)} — Baton can read Google Drive and Notion links only. Put the material in a Drive file or a Notion page and link that; until then only the words on the line are used.`
        : `Context line ${quote(problem.line)} has a ${linkHost(problem.url)} link that does not point at a file, folder or page — open the item itself and copy its link from the browser.`;
    case 'context_no_link':
      return problem.service === 'notion'
        ? `${quote(problem.line)} has no link — paste the Notion page link (or @-mention the page) so Baton can read it; until then only the words are used.`
        : `${quote(problem.line)} has no link — paste the Google Drive link (Share → Copy link) so Baton can read it; until then only the words are used.`;
    case 'context_unresolved':
      return `Context line ${quote(problem.line)} has no link, so Baton cannot read it and only the words reach the model — paste a Google Drive or Notion link on the line (or @-mention the page); for this workflow's last published output write "Last week's brief" or "The previous output".`;
    case 'trigger_file_without_watch_folder':
      return `Context mentions ${quote(problem.line)}, but this workflow has no Watch folder or Trigger, so nothing arrives to start a run — add a Watch folder or a Trigger (for example 'when a row in @Deals has Stage = Closed won'), or remove the line.`;
    case 'step_person_ambiguous':
      return `Steps names ${quote(problem.name)}, and ${problem.people.length} people in this workspace are called that (${listWords(problem.people)}) — write the full name so Baton knows who is meant.`;
    case 'people_unreadable':
      return peopleUnreadable(problem);
    case 'plan':
      return planProblemMessage(problem.problem);
    case 'plan_note':
      return /[.!?…]$/.test(problem.text.trim()) ? problem.text.trim() : `${problem.text.trim()}.`;
    case 'trigger_unreadable':
      return triggerUnreadable(problem);
    case 'trigger_link_not_database':
      return `Trigger links to ${problem.label === problem.url ? problem.url : `${quote(problem.label)} (${problem.url})`}, which is not a Notion database${foundHint(problem.found)} — link the database whose rows start a run: type @ and pick it, or open the database and copy its link (Share → Copy link). ${TRIGGER_EXAMPLE}`;
    case 'trigger_folder_invalid':
      return `Trigger says a file landing in ${quote(problem.value)} starts a run, but that is not a Google Drive folder link${foundHint(problem.found)} — open the folder in Drive and copy the address from the browser (it looks like https://drive.google.com/drive/folders/…).`;
    case 'trigger_folder_conflict':
      return `Trigger says a file landing in ${problem.triggerUrl} starts a run, but Watch folder is another folder (${problem.watchFolderUrl}) — a workflow watches one folder: empty Watch folder, or make the Trigger name the same folder.`;
    case 'trigger_several':
      return problem.what === 'row'
        ? `Trigger names ${problem.texts.length} different row triggers (${problem.texts.map((t) => quote(t, 80)).join(', ')}) — Baton watches one database value per workflow: keep one, and make another workflow for the other.`
        : problem.what === 'chain'
          ? `Trigger follows ${problem.texts.length} different workflows (${problem.texts.map((t) => quote(t, 80)).join(', ')}) — a workflow follows one other workflow: keep one line, and make another workflow for the other.`
          : `Trigger names ${problem.texts.length} different folders (${problem.texts.map((t) => quote(t, 80)).join(', ')}) — a workflow watches one folder: keep one, and make another workflow for the other.`;
    case 'chain_self':
      return `Trigger says this workflow runs when ${quote(problem.name)} publishes — that is this workflow itself, so every run would start another, forever. Name a different workflow (as its Name is written in Workflows), or remove the line.`;
    case 'trigger_property_missing':
      return problem.available.length === 0
        ? `Trigger: Baton can't read the columns of the ${quote(problem.database)} database (it may be a linked view of another database) — link the original database instead.`
        : `Trigger: the ${quote(problem.database)} database has no ${quote(problem.property)} column — it has ${listWords(problem.available.map((a) => quote(a, 60)))}. Write one of those names, e.g. 'when a row in @${problem.database} has ${problem.available[0]} = …'.`;
    case 'trigger_value_unknown':
      return problem.type === 'checkbox'
        ? `Trigger: ${quote(problem.property)} in ${quote(problem.database)} is a checkbox, so ${quote(problem.value)} can't be its value — write 'checked' or 'unchecked', e.g. '${problem.property} = checked'.`
        : `Trigger: ${quote(problem.value)} is not one of the ${quote(problem.property)} options in ${quote(problem.database)}${problem.options.length > 0 ? ` — use one of ${listWords(problem.options.map((o) => quote(o, 60)))}` : ', which has no options yet — add the option in the database, or use another column'} (spelled as in the database; case does not matter).`;
    case 'trigger_property_unsupported':
      return `Trigger: ${quote(problem.property)} in ${quote(problem.database)} is a ${typeName(problem.type)} column, which a trigger can't compare with a value — use a Select, Status, Checkbox or text column (for example 'Stage = Closed won').`;
    case 'chain_unknown_workflow':
      return `Trigger says this workflow runs when ${quote(problem.name)} publishes, but no workflow in Workflows is called that${problem.closest.length > 0 ? ` — did you mean ${listWords(problem.closest.map((c) => quote(c)), 'or')}?` : ''} Write the other workflow's Name exactly as its row has it.`;
    case 'chain_loop':
      return `Trigger makes a loop: ${problem.names.join(' → ')} — each starts the next when it publishes, so the runs would never stop. Remove 'when … publishes' from one of them.`;
    case 'output_template_no_headings':
      return "The Output template has no headings, so Baton cannot check each draft has the right sections — write each section as a heading (start the line with '### ', e.g. '### Summary').";
    case 'link_not_shared':
      return problem.service === 'notion'
        ? `${fieldRef(problem.field, problem.label, problem.url)} can't be opened: the Notion ${notionThing(problem.field)} is not shared with Baton, or was deleted. Share it with the Baton integration (open the ${notionThing(problem.field)} → ••• → Connections → add Baton).`
        : `${fieldRef(problem.field, problem.label, problem.url)} can't be opened: it is not shared with Baton, or was deleted. Share the ${problem.field === 'Context' ? 'file or folder' : 'folder'} with ${problem.serviceAccountEmail ?? "Baton's service account (ask an admin for its address)"} as ${problem.field === 'Output folder' || problem.field === 'Trial folder' ? 'Editor' : 'Viewer'}.`;
    case 'link_outside_allowed_roots':
      return problem.service === 'notion'
        ? `${fieldRef(problem.field, problem.label, problem.url)} is outside the pages Baton may use — ask an admin to add it (or a page above it) to ALLOWED_NOTION_PAGES.`
        : `${fieldRef(problem.field, problem.label, problem.url)} is outside the folders Baton may use — ask an admin to add it (or a folder above it) to ALLOWED_DRIVE_ROOTS.`;
    case 'link_not_folder':
      return `${fieldRef(problem.field, problem.label, problem.url)} is a file, not a folder — paste the link of the Drive folder that should ${problem.field === 'Watch folder' ? 'start a run when a file lands in it' : 'receive the Google Docs'}.`;
    case 'link_parent_not_shared':
      return `${fieldRef(problem.field, problem.label, problem.url)} is shared with Baton, but the page above it is not, so Baton cannot confirm it lies inside the pages it may use — share the page above it (or the allowed page that holds it) with the Baton integration (••• → Connections → add Baton).`;
    case 'link_is_database':
      return problem.field === 'Output page'
        ? `Output page ${problem.url} is a Notion database, not a page — the dated pages go under a page: open the page they should go under (or create one), click Share → Copy link, and paste it here.`
        : `${fieldRef(problem.field, problem.label, problem.url)} is a Notion database, not a page — Baton reads pages: link the page (or pages) to read instead.`;
    case 'row_check_failed':
      return `Baton could not check this row: ${problem.reason}. It will not run until the check succeeds — edit the row to have it checked again; if this message comes back, tell whoever runs Baton.`;
    case 'page_trashed':
      return `${fieldRef(problem.field, problem.label, problem.url)} is in Notion's trash — restore it (Trash → Restore) or choose another ${notionThing(problem.field)}.`;
  }
}

const TRIGGER_EXAMPLE = "For example: 'when a row in @Deals has Stage = Closed won'.";

function triggerUnreadable(problem: Extract<RowProblem, { kind: 'trigger_unreadable' }>): string {
  const line = quote(problem.text);
  switch (problem.reason) {
    case 'not_understood':
      return `Trigger ${line} is not something Baton understands — write one of: 'when a row in @Deals has Stage = Closed won' (type @ to link the database), 'when Weekly competitive brief publishes', or 'when a file lands in https://drive.google.com/drive/folders/…'.`;
    case 'no_condition':
      return `Trigger ${line} does not say which column and value start a run — write the column's name, then =, then the value: 'when a row in @Deals has Stage = Closed won'.`;
    case 'no_database_link':
      return `Trigger ${line} names ${problem.named ? quote(problem.named) : 'the database'} without linking it — type @ and pick the database (or paste its link: open the database, Share → Copy link). ${TRIGGER_EXAMPLE}`;
    case 'no_folder_link':
      return `Trigger ${line} names ${problem.named ? quote(problem.named) : 'the folder'} without its link — paste the Google Drive folder's address instead: 'when a file lands in https://drive.google.com/drive/folders/…'.`;
    case 'schedule':
      return `Trigger ${line} is a schedule — write it in the Schedule column; Trigger says what else starts a run, e.g. 'when a row in @Deals has Stage = Closed won' or 'when Weekly competitive brief publishes'.`;
  }
}

function peopleUnreadable(problem: Extract<RowProblem, { kind: 'people_unreadable' }>): string {
  switch (problem.reason) {
    case 'no_capability':
      // The capability as the integration's settings name it (developers.notion.com/reference/capabilities).
      return "Baton may not read this workspace's list of people, so names in Steps ('Priya reviews it') are not matched to anyone — ask whoever set Baton up to give the Baton integration the 'Read user information without email addresses' capability (notion.so/my-integrations → Baton → Capabilities), then edit this row to have it read again.";
    case 'unavailable':
      return `Baton could not read this workspace's list of people just now (${problem.detail ?? 'Notion did not answer'}), so names in Steps are not matched to anyone yet — Baton reads the row again at its next check.`;
    case 'failed':
      return `Baton could not read this workspace's list of people (${problem.detail ?? 'no answer'}), so names in Steps are not matched to anyone — edit this row to have it read again; if this message comes back, tell whoever runs Baton.`;
  }
}

/** Quotes what the person wrote, shortened so one long line can't fill Health. */
export function quote(text: string, max = 120): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return `'${oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine}'`;
}

function fieldRef(field: LinkField, label: string, url: string): string {
  const name = label && label !== url ? `${quote(label)} (${url})` : url;
  return field === 'Context' ? `Context source ${name}` : `${field} ${name}`;
}

function notionThing(field: LinkField): string {
  return field === 'Trigger' ? 'database' : 'page';
}

function foundHint(found: LinkFound): string {
  switch (found) {
    case 'drive_folder':
      return ' (it is a Drive folder)';
    case 'drive_file':
      return ' (it points at a single Drive file)';
    case 'unreadable_link':
      return ' (it does not point at one particular folder or page)';
    case 'notion_page':
      return ' (it is a Notion page)';
    case 'other_link':
      return '';
    case 'not_a_link':
      return ' (it is not a link)';
  }
}

function typeName(type: string): string {
  const names: Record<string, string> = { rich_text: 'Text', multi_select: 'Multi-select', people: 'Person', phone_number: 'Phone' };
  return names[type] ?? type.charAt(0).toUpperCase() + type.slice(1).replace(/_/g, ' ');
}

function listWords(words: readonly string[], last: 'and' | 'or' = 'and'): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} ${last} ${words.at(-1)}`;
}

function listNumbers(numbers: readonly number[]): string {
  if (numbers.length <= 1) return numbers.join('');
  return `${numbers.slice(0, -1).join(', ')} and ${numbers.at(-1)}`;
}
