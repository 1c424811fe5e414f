// Step lists as graph cases (2 of 2): reviews (who, after what), what each step reads, and words
// that only look like dependencies.
import { C, HIRING, PEOPLE, type GraphCase } from './rows';

// Reviews: who, and after what.
export const REVIEWS: GraphCase[] = [
  {
    name: 'two reviews by two people: "Legal (Ana) checks step 1" holds back only the step after it, the Reviewer gives the last',
    row: {
      steps: '1. Draft the contract summary.\n2. Legal (Ana) checks step 1.\n3. After step 2, draft the client email from the summary.\n4. Maya reviews it.',
      reviewer: PEOPLE.maya,
      people: [PEOPLE.ana],
    },
    graph: '1 Contract summary → review (Ana) → 3 Client email → review (Maya Okafor) → publish',
    dependsOn: { 1: [], 2: [1], 3: [2], 4: [3] },
    outputs: [3],
  },
  {
    name: 'a review step naming someone Baton cannot find in the workspace goes to the Reviewer, with a warning',
    row: { steps: '1. Draft the contract summary.\n2. Legal (Ana) checks step 1.', reviewer: PEOPLE.maya },
    graph: '1 Contract summary → review (Maya Okafor) → publish',
    dependsOn: { 1: [], 2: [1] },
    problems: ["Step 2 asks Ana to review, but Baton finds nobody called Ana among the workspace's people, so Maya Okafor (the row's Reviewer) would approve it — write the name as it is in Notion, put Ana in the Reviewer column, or change the step to name Maya Okafor."],
  },
  {
    name: '"ask Ana to review" with Ana as the Reviewer',
    row: { steps: '1. Draft the press release.\n2. Ask Ana to review it.', reviewer: PEOPLE.ana },
    graph: '1 Press release → review (Ana) → publish',
    dependsOn: { 1: [], 2: [1] },
  },
  {
    name: '"Have Sam approve it"',
    row: { steps: '1. Draft the FAQ.\n2. Have Sam approve it.', reviewer: PEOPLE.sam },
    graph: '1 FAQ → review (Sam) → publish',
    dependsOn: { 1: [], 2: [1] },
  },
  {
    name: '"Get Maya\'s sign-off" after two drafts that run side by side',
    row: { steps: '1. Draft the release notes.\n2. Draft the help-centre article.\n3. Get Maya’s sign-off on both.\nSteps 1 and 2 can run at the same time.', reviewer: PEOPLE.maya },
    graph: '1 Release notes ∥ 2 Help-centre article → review (Maya Okafor) → publish',
    dependsOn: { 1: [], 2: [], 3: [1, 2] },
    outputs: [1, 2],
  },
  {
    name: '"To be reviewed by Lena" with the Reviewer\'s full name on the row',
    row: { steps: '1. Write the case study.\n2. To be reviewed by Lena.', reviewer: { id: 'user-lena', name: 'Lena Fischer' } },
    graph: '1 Case study → review (Lena Fischer) → publish',
    dependsOn: { 1: [], 2: [1] },
  },
  {
    name: '"Finally, send it to Maya for review" after a step that runs alongside another',
    row: {
      steps: '1. Summarise the competitor updates.\n2. Summarise the competitor pricing sheet.\n3. After steps 1 and 2, draft the brief.\n4. Finally, send it to Maya for review.',
      context: [C.competitorUpdates, C.pricing],
      reviewer: PEOPLE.maya,
    },
    graph: '1 Competitor updates ∥ 2 Competitor pricing sheet → 3 Brief → review (Maya Okafor) → publish',
    dependsOn: { 1: [], 2: [], 3: [1, 2], 4: [3] },
    reads: { 1: ['Competitor updates'], 2: ['Competitor pricing'] },
  },
  {
    name: 'a review that names the steps it checks: "Lena reviews steps 2 and 3 together"',
    row: {
      steps: '1. Read the article.\n2. Write the LinkedIn post.\n3. Write the newsletter section.\n4. Lena reviews steps 2 and 3 together.',
      context: [C.newArticle],
      reviewer: PEOPLE.lena,
      watch: true,
    },
    graph: '1 Article → 2 LinkedIn post ∥ 3 Newsletter section → review (Lena) → publish',
    dependsOn: { 1: [], 2: [1], 3: [1], 4: [2, 3] },
    reads: { 1: ['The new article'] },
    outputs: [2, 3],
  },
  {
    name: 'a row with a Reviewer and no review step gets the review before publishing',
    row: { steps: '1. Read the updates.\n2. Draft the brief.', reviewer: PEOPLE.maya },
    graph: '1 Updates → 2 Brief → review (Maya Okafor) → publish',
    dependsOn: { 1: [], 2: [1], review: [2] },
  },
  {
    name: 'a step that drafts and asks for the review is drafted, then reviewed',
    row: { steps: '1. Read the updates.\n2. Draft the brief and send it to Maya for review.', reviewer: PEOPLE.maya },
    graph: '1 Updates → 2 Brief → review (Maya Okafor) → publish',
    dependsOn: { 1: [], 2: [1], review: [2] },
    titles: { 2: 'Draft the brief and send it to Maya for review' },
  },
  {
    name: 'a review half-way: the steps after it wait for the approval, and the Reviewer still sees the end',
    row: { steps: '1. Draft the outline.\n2. Ana reviews the outline.\n3. Write the article from the outline.', reviewer: PEOPLE.ana },
    graph: '1 Outline → review (Ana) → 3 Article from the outline → review (Ana) → publish',
    dependsOn: { 1: [], 2: [1], 3: [2], review: [3] },
  },
  {
    name: '"After step 3, send it to Sam for sign-off" reviews step 3 only',
    row: { steps: '1. Collect the feedback.\n2. Group it by theme.\n3. Draft the synthesis.\n4. After step 3, send it to Sam for sign-off.', reviewer: PEOPLE.sam },
    graph: '1 Feedback → 2 Group it by theme → 3 Synthesis → review (Sam) → publish',
    dependsOn: { 1: [], 2: [1], 3: [2], 4: [3] },
  },
  {
    name: 'a row without a Reviewer or a review step publishes the last step',
    row: { steps: '1. Read the updates.\n2. Draft the digest.' },
    graph: '1 Updates → 2 Digest → publish',
    dependsOn: { 1: [], 2: [1] },
    outputs: [2],
  },
  {
    name: 'no Steps at all: the Goal is drafted in one step, then reviewed',
    row: { steps: '', goal: 'Write a weekly summary of the support queue.', reviewer: PEOPLE.sam },
    graph: 'Weekly summary of the support queue → review (Sam) → publish',
    dependsOn: { 0: [], review: [0] },
    outputs: [0],
  },
  {
    name: 'Steps that only ask for a review: the Goal is drafted before it',
    row: { steps: '1. Send it to Maya for review.', goal: 'Summarise what our competitors shipped this week.', reviewer: PEOPLE.maya },
    graph: 'Summarise what our competitors shipped… → review (Maya Okafor) → publish',
    dependsOn: { 0: [], 1: [0] },
  },
];

// What each step reads of the Context section.
export const SOURCES: GraphCase[] = [
  {
    name: '"Read the new file" reads what started the run, even with no Context line for it',
    row: { steps: '1. Read the new file.\n2. Summarise it for the team.', context: [C.voice], watch: true },
    graph: '1 New file → 2 Summarise it for the team → publish',
    dependsOn: { 1: [], 2: [1] },
    reads: { 1: ['the new file'] },
  },
  {
    name: 'a source named in other words: "the notes from each interview"',
    row: { steps: '1. Summarise the notes from each interview.\n2. Write the hiring update.', context: [C.interviewNotes, C.applicants] },
    graph: '1 Notes from each interview → 2 Hiring update → publish',
    dependsOn: { 1: [], 2: [1] },
    reads: { 1: ['Interview notes'] },
  },
  {
    name: '"the Notion page Brand voice guide" and "the previous brief" in one step',
    row: { steps: '1. Read the competitor updates.\n2. Rewrite the previous brief in the tone of the Notion page Brand voice guide.', context: [C.competitorUpdates, C.lastBrief, C.voice] },
    graph: '1 Competitor updates → 2 Previous brief → publish',
    dependsOn: { 1: [], 2: [1] },
    reads: { 1: ['Competitor updates'], 2: ["Last week's brief", 'Brand voice guide'] },
  },
  {
    name: 'a Sheet named by its words: "the support tickets export"',
    row: { steps: '1. Count the urgent items in the support tickets export.\n2. Draft the escalation note.', context: [C.tickets, C.survey] },
    graph: '1 Urgent items → 2 Escalation note → publish',
    dependsOn: { 1: [], 2: [1] },
    reads: { 1: ['Support tickets export'] },
  },
  {
    name: '"Draft the kickoff brief" does not read the page "Kickoff brief — how we run kickoffs"',
    row: { steps: '1. Read the CRM notes for this client.\n2. Draft the kickoff brief.', context: [C.crmNotes, C.kickoffHowTo] },
    graph: '1 CRM notes → 2 Kickoff brief → publish',
    dependsOn: { 1: [], 2: [1] },
    reads: { 1: ['CRM notes for this client'] },
  },
  {
    name: '"the deals pipeline" and "last week\'s report" — with last week\'s output in Context',
    row: { steps: "1. Read the Deals pipeline.\n2. Compare it with last week's report.", context: [C.deals, "- Last week's report"] },
    graph: "1 Deals pipeline → 2 Compare it with last week's report → publish",
    dependsOn: { 1: [], 2: [1] },
    reads: { 1: ['Deals pipeline'], 2: ["Last week's report"] },
  },
  {
    name: '"last month\'s update" in a step reads the Context line "The previous edition"',
    row: { steps: "1. Read the Deals pipeline.\n2. Say what moved since last month's update.", context: [C.deals, '- The previous edition'] },
    graph: "1 Deals pipeline → 2 Say what moved since last month's update → publish",
    dependsOn: { 1: [], 2: [1] },
    reads: { 1: ['Deals pipeline'], 2: ['The previous edition'] },
  },
  {
    name: '"what changed since last week" gets the previous output as its own source',
    row: { steps: '1. Read the Deals pipeline.\n2. List what changed since last week.', context: [C.deals, "- Last sprint's synthesis"] },
    graph: '1 Deals pipeline → 2 List what changed since last week → publish',
    dependsOn: { 1: [], 2: [1] },
    reads: { 1: ['Deals pipeline'], 2: ["Last sprint's synthesis"] },
  },
];

// Words that only look like dependencies: none of these is a step the plan waits for.
export const LOOKALIKES: GraphCase[] = [
  {
    name: '"the first step customers take" and "5 beats" are no steps',
    row: { steps: '1. Read the onboarding survey.\n2. Describe the first step customers take, in 5 beats.\n3. Draft the onboarding email (under 150 words).' },
    graph: '1 Onboarding survey → 2 First step customers take → 3 Onboarding email → publish',
    dependsOn: { 1: [], 2: [1], 3: [2] },
  },
  {
    name: '"After the call, …" when no step is a call is about the world, not a step',
    row: { steps: '1. Read the call transcript.\n2. After the client call, write the follow-up email.' },
    graph: '1 Call transcript → 2 Follow-up email → publish',
    dependsOn: { 1: [], 2: [1] },
    titles: { 2: 'Write the follow-up email' },
  },
  {
    name: '"feedback from both teams" is no pair of steps',
    row: { steps: '1. Read the retro notes.\n2. List the blockers.\n3. Summarise the feedback from both teams.' },
    graph: '1 Retro notes → 2 Blockers → 3 Feedback from both teams → publish',
    dependsOn: { 1: [], 2: [1], 3: [2] },
  },
  {
    name: '"once the file is in the folder" waits for no step',
    row: { steps: '1. Once the file is in the folder, read it.\n2. Summarise it.', watch: true },
    graph: '1 Read it → 2 Summarise it → publish',
    dependsOn: { 1: [], 2: [1] },
  },
  {
    name: '"Research each competitor independently" is how to work, not which steps run together',
    row: { steps: '1. List our five main competitors.\n2. Research each competitor independently, at the same time if you can.\n3. Draft the comparison table.' },
    graph: '1 Five main competitors → 2 Competitor → 3 Comparison table → publish',
    dependsOn: { 1: [], 2: [1], 3: [2] },
  },
  {
    name: '"Combine steps 2 and 3 together" is work, not a runs-together hint',
    row: { steps: '1. Read the article.\n2. Write the intro.\n3. Write the outro.\n4. Combine steps 2 and 3 together into one post.' },
    graph: '1 Article → 2 Intro ∥ 3 Outro → 4 Combine steps 2 and 3 together into… → publish',
    dependsOn: { 1: [], 2: [1], 3: [1], 4: [2, 3] },
  },
];
