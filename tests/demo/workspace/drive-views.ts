// The shared drive as a team member browses it: folders and the files in them (newest first),
// a Doc as its text, a Sheet as a table, and in each folder a form to drop a file in as yourself.
import { html, trusted, type SafeHtml } from './html';
import { markdownView } from './markdown-view';
import { formatTime } from './properties';
import { DOC_MIME, FOLDER_MIME, SHEET_MIME, type DriveFile, type DriveListing, type FileContent } from './drive-source';

const KIND: Record<string, string> = { [FOLDER_MIME]: 'Folder', [DOC_MIME]: 'Google Doc', [SHEET_MIME]: 'Google Sheet' };
const kindOf = (f: DriveFile) => KIND[f.mimeType] ?? f.mimeType;

/** The folders (and drives) from the top down to this item, for the breadcrumb. */
export function trail(listing: DriveListing, id: string): { id: string; name: string }[] {
  const out: { id: string; name: string }[] = [];
  let at: string | undefined = id;
  for (let guard = 0; at && guard < 50; guard++) {
    const file = listing.files.find((f) => f.id === at);
    const drive = listing.drives.find((d) => d.id === at);
    if (file) out.unshift({ id: file.id, name: file.name });
    else if (drive) out.unshift({ id: drive.id, name: drive.name });
    at = file?.parents?.[0];
  }
  return out;
}

function crumbs(listing: DriveListing, id: string): SafeHtml {
  return html`<p class="muted"><a href="/drive">Drive</a>${trail(listing, id).map((c) => html` / <a href="/drive/${c.id}">${c.name}</a>`)}</p>`;
}

export function driveHome(listing: DriveListing): SafeHtml {
  return html`<h1>Drive</h1><ul>${listing.drives.map((d) => html`<li><a href="/drive/${d.id}">${d.name}</a> <span class="muted">(shared drive)</span></li>`)}</ul>`;
}

export function folderView(listing: DriveListing, folder: { id: string; name: string }, back: string): SafeHtml {
  const children = listing.files
    .filter((f) => f.parents?.includes(folder.id))
    .sort((a, b) => Number(b.mimeType === FOLDER_MIME) - Number(a.mimeType === FOLDER_MIME) || (b.modifiedTime ?? '').localeCompare(a.modifiedTime ?? ''));
  const rows = children.map(
    (f) => html`<tr data-file="${f.id}"><td><a href="/drive/${f.id}">${f.name}</a></td><td>${kindOf(f)}</td><td>${formatTime(f.modifiedTime ?? '')}</td><td>${f.lastModifyingUser?.displayName ?? ''}</td></tr>`,
  );
  return html`${crumbs(listing, folder.id)}<h1>${folder.name}</h1>
${rows.length ? html`<table id="files"><thead><tr><th>Name</th><th>Kind</th><th>Modified</th><th>By</th></tr></thead><tbody>${rows}</tbody></table>` : html`<p class="muted">This folder is empty.</p>`}
<h2>Drop a file into this folder</h2>
<form method="post" action="/drive/${folder.id}/upload" id="upload">
<input type="hidden" name="back" value="${back}">
<p><label>Pick a file <input type="file" id="pick-file" accept=".md,.markdown,.txt,.csv,text/*"></label> <span class="muted">or type one below (a Markdown file becomes a Doc, a CSV a Sheet, as Drive converts them on upload)</span></p>
<p><label>Name <input name="name" size="50" required></label>
<label>As <select name="kind"><option value="doc">Google Doc (type markdown)</option><option value="sheet">Google Sheet (type CSV)</option><option value="text">Plain text file</option></select></label></p>
<textarea name="content" rows="10" aria-label="File content"></textarea>
<p><button type="submit">Upload</button> <span class="muted">Uploaded as you: Drive records you as its author, and the change reaches Baton the way any upload does.</span></p>
</form><script>${PICK_SCRIPT}</script>`;
}

// Reads a picked text file into the form: its name without the extension, its text, and the
// kind Drive would convert it to (Markdown → Doc, CSV → Sheet). Nothing leaves the browser until
// the person presses Upload.
const PICK_SCRIPT = trusted`
document.getElementById('pick-file').addEventListener('change', async (event) => {
  const file = event.target.files[0];
  if (!file) return;
  const form = document.getElementById('upload');
  const ext = (file.name.match(/[.]([^.]+)$/) || ['', ''])[1].toLowerCase();
  form.elements.name.value = file.name.replace(/[.](md|markdown|csv)$/i, '');
  form.elements.kind.value = ext === 'csv' ? 'sheet' : ext === 'md' || ext === 'markdown' ? 'doc' : 'text';
  form.elements.content.value = await file.text();
});
`;

export function fileView(listing: DriveListing, file: DriveFile, content: FileContent): SafeHtml {
  let body: SafeHtml;
  if (content.kind === 'doc') body = markdownView(content.markdown);
  else if (content.kind === 'sheet') {
    const [head, ...rest] = content.rows;
    body = html`<table class="sheet">${head ? html`<thead><tr>${head.map((c) => html`<th>${c}</th>`)}</tr></thead>` : ''}<tbody>${rest.map((r) => html`<tr>${r.map((c) => html`<td>${c}</td>`)}</tr>`)}</tbody></table>`;
  } else if (content.kind === 'text') body = html`<pre>${content.text}</pre>`;
  else body = html`<p class="muted">${kindOf(file)}${file.size ? html`, ${file.size} bytes` : ''}: no preview.</p>`;
  return html`${crumbs(listing, file.parents?.[0] ?? '')}<h1>${file.name}</h1>
<p class="muted">${kindOf(file)} · modified ${formatTime(file.modifiedTime ?? '?')}${file.lastModifyingUser?.displayName ? html` by ${file.lastModifyingUser.displayName}` : ''}</p>
${body}`;
}
