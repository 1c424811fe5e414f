// Step lists with the words Health must show for them.
import { C, PEOPLE, type Row } from './rows';

// Steps Baton cannot run as written, or runs with a remark: each with the words Health shows.
export const PROBLEMS: { name: string; row: Row; messages: string[]; kinds?: string[] }[] = [
  {
    name: 'a step that waits for a step the list does not have',
    row: { steps: '1. Read the updates.\n2. List what changed.\n3. After step 7, draft the brief.\n4. Flag pricing moves.' },
    messages: [
      "Step 3 says 'After step 7, draft the brief.', but there is no step 7 (the steps are numbered 1 to 4) — write the number of a step that exists, e.g. '3. After step 2, …'.",
    ],
  },
  {
    name: 'a line between the steps that names a step the list does not have',
    row: { steps: '1. Read the article.\n2. Write the post.\n3. Write the email.\nSteps 2 and 5 can run at the same time.' },
    messages: [
      "A line in Steps says 'Steps 2 and 5 can run at the same time.', but there is no step 5 (the steps are numbered 1 to 3) — write the number of a step that exists, e.g. 'Steps 2 and 3 can run at the same time'.",
    ],
  },
  {
    name: 'two steps that each say they come after the other',
    row: { steps: '1. Read the notes.\n2. After step 3, write the intro.\n3. After step 2, write the outline.\n4. Using steps 1, 2 and 3, write the article.' },
    messages: [
      "Steps 2 and 3 wait for each other (step 2 → step 3 → step 2), so none of them can start — make one of them need only earlier steps (e.g. '2. After step 1, …'), or renumber the steps in the order they should run.",
    ],
    kinds: ['step_cycle'],
  },
  {
    name: 'a step that uses a later one, which by default follows it',
    row: { steps: '1. Read the notes.\n2. Using the outline from step 3, write the intro.\n3. Make the outline.' },
    messages: [
      "Steps 2 and 3 wait for each other (step 2 → step 3 → step 2), so none of them can start; step 3 names no step, so it takes the one before it — make one of them need only earlier steps (e.g. '2. After step 1, …'), or renumber the steps in the order they should run.",
      "Nothing uses step 1 ('Read the notes'): no later step needs its output and it is not what gets published — name it in the step that needs it (e.g. 'Using the list from step 1, …'), or remove it.",
    ],
  },
  {
    name: 'a circle of three steps',
    row: { steps: '1. After step 3, pick the theme.\n2. After step 1, write the headline.\n3. After step 2, choose the images.' },
    messages: [
      "Steps 1, 2 and 3 wait for each other (step 1 → step 3 → step 2 → step 1), so none of them can start — make one of them need only earlier steps (e.g. take 'step 3' out of step 1), or renumber the steps in the order they should run.",
    ],
  },
  {
    name: 'a step that says it comes after itself',
    row: { steps: '1. Read the brief.\n2. Draft the post after step 2.' },
    messages: [
      "Step 2 says it needs itself (step 2 → step 2), so it can never start — name the step whose output it uses instead, e.g. 'After step 1, …'.",
      "Nothing uses step 1 ('Read the brief'): no later step needs its output and it is not what gets published — name it in the step that needs it (e.g. 'Using the list from step 1, …'), or remove it.",
    ],
  },
  {
    name: 'a review step on a row with no Reviewer',
    row: { steps: '1. Read the competitor updates.\n2. Draft the brief.\n3. Send it to Maya for review.' },
    messages: [
      "Step 3 asks for a review ('Send it to Maya for review.'), but the row has no Reviewer, so nobody could approve it — put Maya in the Reviewer column (one person), or take the review out of Steps to publish without one.",
    ],
    kinds: ['review_no_reviewer'],
  },
  {
    name: '"ask Ana to review" on a row with no Reviewer',
    row: { steps: '1. Draft the offer letter.\n2. Ask Ana to review it.' },
    messages: [
      "Step 2 asks for a review ('Ask Ana to review it.'), but the row has no Reviewer, so nobody could approve it — put Ana in the Reviewer column (one person), or take the review out of Steps to publish without one.",
    ],
  },
  {
    name: 'a step that drafts and asks for a review nobody can give',
    row: { steps: '1. Read the updates.\n2. Draft the brief and send it to the strategy lead for approval.' },
    messages: [
      "Step 2 asks for a review ('Draft the brief and send it to the strategy lead for approval.'), but the row has no Reviewer, so nobody could approve it — put the person who approves in the Reviewer column (one person), or take the review out of Steps to publish without one.",
    ],
  },
  {
    name: 'a review step that names someone other than the Reviewer',
    row: { steps: '1. Draft the contract summary.\n2. Legal checks step 1.', reviewer: PEOPLE.maya },
    messages: [
      "Step 2 asks Legal to review, but Baton finds nobody called Legal among the workspace's people, so Maya Okafor (the row's Reviewer) would approve it — write the name as it is in Notion, put Legal in the Reviewer column, or change the step to name Maya Okafor.",
    ],
  },
  {
    name: 'a Drive folder a step names that Context does not list',
    row: { steps: '1. Summarise new applicants (Drive folder Applicants).\n2. Draft the pipeline report.', context: [C.interviewNotes] },
    messages: [
      "Step 1 reads the Drive folder 'Applicants', which the Context section does not list, so the step would have nothing to read — add it under Context with its link ('- Drive folder: Applicants (https://drive.google.com/drive/folders/…)'), or change the step to name a source Context lists.",
    ],
    kinds: ['source_unknown'],
  },
  {
    name: 'a Notion page a step names that Context does not list',
    row: { steps: '1. Summarise the interview notes (Notion page Interview scorecards).\n2. Draft the report.', context: [C.interviewNotes] },
    messages: [
      "Step 1 reads the Notion page 'Interview scorecards', which the Context section does not list, so the step would have nothing to read — add it under Context with its link ('- Notion: Interview scorecards (https://www.notion.so/…)', or @-mention the page), or change the step to name a source Context lists.",
    ],
  },
  {
    name: "last week's brief, when Context does not list it",
    row: { steps: "1. Read the competitor updates.\n2. Compare them with last week's brief.", context: [C.competitorUpdates] },
    messages: [
      "Step 2 uses 'last week's brief', but the Context section does not list it, so Baton would not read it — add the line '- Last week's brief' under Context, and Baton reads this workflow's last published output.",
    ],
  },
  {
    name: '"the new file" in a workflow nothing starts with a file',
    row: { steps: '1. Read the new file.\n2. Summarise it for the team.' },
    messages: [
      "Step 1 reads 'the new file', but nothing starts this workflow with a file or a row — add a Watch folder (a Google Drive folder link: each new file in it starts a run) or a Trigger (for example 'when a row in @Deals has Stage = Closed won'), or name the source under Context.",
    ],
  },
  {
    name: 'a line in Steps that is not a step and says nothing about the order',
    row: { steps: '1. Read the article.\n2. Write the post.\nUse British spelling throughout.' },
    messages: [
      "The line 'Use British spelling throughout.' in Steps is not a numbered step and says nothing about which steps wait for which, so it is not part of the plan — number it as a step of its own, or move it to Goal (for what every step keeps in mind) or Output template (for how the output must look).",
    ],
    kinds: ['sentence_unplaced'],
  },
  {
    name: '"once the research is done" with no step that researches',
    row: { steps: '1. Read the competitor updates.\n2. List the price changes.\n3. Once the research is done, draft the brief.' },
    messages: [
      "Step 3 says 'Once the research is done', but no other step's words match it, so Baton cannot tell which step it waits for — write the step's number instead, e.g. '3. After step 2, …'.",
    ],
  },
  {
    name: '"These can run at the same time" without saying which',
    row: { steps: '1. Read the article.\n2. Write the post.\n3. Write the email.\nThese can run at the same time.' },
    messages: [
      "A line in Steps says 'These can run at the same time.' but not which steps — write their numbers, e.g. 'Steps 2, 3 and 4 can run at the same time'.",
    ],
  },
  {
    name: 'a step saying it runs in parallel without saying with which',
    row: { steps: '1. Read the article.\n2. Write the post. This one can run in parallel with the others.\n3. Write the email.' },
    messages: [
      "Step 2 says 'This one can run in parallel with the others.' but not which steps — write their numbers, e.g. 'Steps 2, 3 and 4 can run at the same time'.",
    ],
  },
  {
    name: 'a step nobody uses: the emails of step 3 are left behind by step 4',
    row: { steps: '1. Collect the leads from the form.\n2. Score each lead.\n3. Draft the outreach emails.\n4. Using the list from step 2, pick the top ten accounts.' },
    messages: [
      "Nothing uses step 3 ('Draft the outreach emails'): no later step needs its output and it is not what gets published — name it in the step that needs it (e.g. 'Using the list from step 3, …'), or remove it.",
    ],
    kinds: ['step_unused'],
  },
  {
    name: 'steps said to run at the same time while one uses the other',
    row: { steps: '1. Read the article.\n2. List the three key points.\n3. Using the list from step 2, write the post.\nSteps 2 and 3 can run at the same time.' },
    messages: [
      "'Steps 2 and 3 can run at the same time.' says steps can run at the same time, but step 3 uses step 2, so it waits for it — take step 3 out of that sentence, or take 'step 2' out of step 3.",
    ],
  },
  {
    name: 'a line about a step the list does not have',
    row: { steps: '1. Read the article.\n2. Write the post.\nStep 9 needs step 1.' },
    messages: [
      "A line in Steps says 'Step 9 needs step 1.', but there is no step 9 (the steps are 1 and 2) — write the number of a step that exists, e.g. 'Steps 2 and 3 can run at the same time'.",
    ],
  },
  {
    name: 'a step that must come "before step 9"',
    row: { steps: '1. Book the venue before step 9.\n2. Send the invitations.' },
    messages: [
      "Step 1 says 'Book the venue before step 9.', but there is no step 9 (the steps are 1 and 2) — write the number of a step that exists, e.g. '1. After step 2, …'.",
    ],
  },
];
