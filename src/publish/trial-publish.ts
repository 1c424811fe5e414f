// Publishing a Trial run: the approved output goes under the workflow's Trial page and into its
// Trial folder — never the live Output page or Output folder, which this module does not read —
// and, when the row links a Human version, a comparison page goes beside it.
//
// May overwrite: D1 artifacts `trial-page`, `trial-doc` (`trial-doc-<step>` for a set),
// `trial-comparison`, `trial-compared`, `trial-noted`, `published`. Reads first, every time:
// whether each output was created (D1) and whether a create may have been sent (`…-sent`), so a
// retried step creates each page and Doc at most once (publish.ts looks the Run ID up).
//
// Rules:
// - The Trial page and folder are checked again before anything is created (allowed roots,
//   writable: output-destinations.ts); a refusal fails the run with nothing published.
// - The comparison is a child page of the Trial page titled "<title> — compared with the human
//   version" (trial-comparison-page.ts); without a Trial page, a Doc in the Trial folder. Its Doc is
//   created after the output's Doc, so the output Doc's Run ID look-up can never find it instead.
// - The Run page gets one comment saying where the trial output and the comparison are.
// - A trial run records what it published as this workflow's last output (so "last week's brief"
//   is the last trial), but starts no chained workflow: those would act on a trial as if it were live.
import * as z from 'zod';
import { PUBLISHED_ARTIFACT } from '../adapters/store';
import type { WorkflowDefinition } from '../domain/workflow-definition';
import { text } from '../engine/run-row';
import { checkOutputDestinations } from '../registry/output-destinations';
import { createUnderNotionPage, notPublished } from './destination-refusal';
import { requireDrive, requireNotion, type Services } from '../services';
import { publishGoogleDoc, publishNotionPage, type PublishedPage } from './publish';
import { compareVersions } from './trial-compare';
import { comparisonMarkdown, comparisonSummary, comparisonTitle } from './trial-comparison-page';
import { readHumanVersion } from './trial-human-version';
import { Compared, trialNote, type TrialLinks } from './trial-note';

export type { TrialLinks } from './trial-note';

export interface TrialPublishInput {
  services: Services;
  runId: string;
  runPageId: string;
  definition: WorkflowDefinition;
  now: Date;
  title: string;
  /** The approved text followed by the provenance, as a Live run would publish it. */
  markdown: string;
  /** The approved text alone: what is compared with the human version. */
  approved: string;
  /** A set's parts (one entry for a single output), each published as its own Doc. */
  parts: readonly { step: { id: string; label: string }; text: string }[];
  provenance: string;
  /** Whether a reviewer approved it (the plan has a review gate). */
  reviewed: boolean;
}

const Published = z.object({ id: z.string(), url: z.string() });

export async function publishTrial(input: TrialPublishInput): Promise<TrialLinks> {
  const { services, runId, definition, now, title } = input;
  const { store } = services;
  const refused = await checkOutputDestinations(services, definition, undefined, 'trial');
  if (refused) throw notPublished(refused);

  const once = async (name: string, create: (mayExist: boolean) => Promise<PublishedPage>): Promise<PublishedPage> => {
    const done = await store.getJson(runId, name, Published);
    if (done) return done;
    const mayExist = (await store.getArtifact(runId, `${name}-sent`)) !== null;
    if (!mayExist) await store.putArtifact(runId, `${name}-sent`, now.toISOString(), now);
    const made = await create(mayExist);
    await store.putArtifact(runId, name, JSON.stringify(made), now);
    return made;
  };
  const doc = (folder: string, name: string, docTitle: string, body: string, part: string | null) =>
    once(name, async (mayExist) => {
      const file = await publishGoogleDoc(requireDrive(services), folder, { runId, title: docTitle, markdown: body, mayExist, part });
      return { id: file.id, url: file.webViewLink ?? `https://docs.google.com/document/d/${file.id}/edit` };
    });

  const links: TrialLinks = { pageUrl: null, docUrl: null, comparisonUrl: null };
  const page = definition.trialPage?.kind === 'notion_page' ? definition.trialPage.id : null;
  const folder = definition.trialFolder?.kind === 'drive_folder' ? definition.trialFolder.id : null;
  if (page) {
    const made = await createUnderNotionPage(services, definition, 'trial', () =>
      once('trial-page', (mayExist) => publishNotionPage(requireNotion(services), page, { runId, title, markdown: input.markdown, mayExist })),
    );
    links.pageUrl = made.url;
  }
  if (folder) {
    const docs =
      input.parts.length === 1
        ? [await doc(folder, 'trial-doc', title, input.markdown, null)]
        : await Promise.all(input.parts.map((p) => doc(folder, `trial-doc-${p.step.id}`, `${title} — ${p.step.label}`, `${p.text}\n\n${input.provenance}`, p.step.id)));
    links.docUrls = docs.map((d) => d.url);
    links.docUrl = links.docUrls[0] ?? null;
  }

  let compared: Compared | null = null;
  if (definition.humanVersion && (page || folder)) {
    compared = await store.getJson(runId, 'trial-compared', Compared);
    if (!compared) {
      const reading = await readHumanVersion(services, definition.humanVersion);
      if (reading.ok) {
        const comparison = compareVersions(input.approved, reading.version.markdown);
        const human = { title: reading.version.title, url: reading.version.url };
        const body = comparisonMarkdown({ runId, comparison, human, trialUrl: links.pageUrl ?? links.docUrl });
        const made = page
          ? await once('trial-comparison', (mayExist) => publishNotionPage(requireNotion(services), page, { runId, title: comparisonTitle(title), markdown: body, mayExist }))
          : await doc(folder!, 'trial-comparison', comparisonTitle(title), body, 'comparison');
        links.comparisonUrl = made.url;
        compared = { ok: true, summary: comparisonSummary(comparison), human };
      } else {
        compared = { ok: false, reason: reading.reason };
      }
      await store.putArtifact(runId, 'trial-compared', JSON.stringify(compared), now);
    } else if (compared.ok) {
      links.comparisonUrl = (await store.getJson(runId, 'trial-comparison', Published))?.url ?? null;
    }
  }

  if ((await store.getArtifact(runId, 'trial-noted')) === null) {
    await requireNotion(services).comment(input.runPageId, text(trialNote(definition, links, compared, input.reviewed)));
    await store.putArtifact(runId, 'trial-noted', now.toISOString(), now);
  }
  if (page || folder) await store.putArtifact(runId, PUBLISHED_ARTIFACT, JSON.stringify({ title, url: links.pageUrl ?? links.docUrl, markdown: input.approved }), now);
  return links;
}
