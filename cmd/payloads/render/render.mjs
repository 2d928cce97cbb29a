// Writes an HTML page that shows newsbot's payloads (the JSON that
// `go run ./cmd/payloads` prints) as Discord's dark theme does, one message
// after another: node render.mjs payloads.json > page.html
import { readFileSync } from 'node:fs';

const shown = JSON.parse(readFileSync(process.argv[2], 'utf8'));

const html = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

// markdown renders the subset of Discord markdown the bot writes: backslash
// escapes, **bold**, *italic*, [links](url), "> " quotes and line breaks.
function markdown(text) {
  const lines = text.split('\n').map((line) => {
    let quote = false;
    if (line.startsWith('> ')) {
      quote = true;
      line = line.slice(2);
    }
    let out = '';
    const escaped = [];
    line = line.replace(/\\(.)/g, (_, c) => {
      escaped.push(c);
      return `\u0000${escaped.length - 1}\u0000`;
    });
    out = html(line)
      .replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')
      .replace(/\*(.+?)\*/g, '<em>$1</em>')
      .replace(/\[([^\]]+)\]\((https?:[^)]+)\)/g, '<a href="$2">$1</a>')
      .replace(/\u0000(\d+)\u0000/g, (_, i) => html(escaped[Number(i)]));
    return quote ? `<discord-quote>${out}</discord-quote>` : out;
  });
  return lines.join('<br>');
}

// embed renders an embed; files are the message's attachments, which an
// image "attachment://name" points to.
function embed(e, files) {
  const color = e.color ? `#${e.color.toString(16).padStart(6, '0')}` : '#202225';
  const title = e.title ? ` embed-title="${html(e.title)}"` : '';
  const url = e.url ? ` url="${html(e.url)}"` : '';
  const attached = (files || []).find((f) => e.image && e.image.url === `attachment://${f.name}`);
  const image = attached ? ` image="data:${attached.content_type};base64,${attached.data}"` : '';
  const fields = (e.fields || [])
    .map((f) => `<discord-embed-field field-title="${html(f.name)}">${markdown(f.value)}</discord-embed-field>`)
    .join('');
  return `<discord-embed slot="embeds" color="${color}"${title}${url}${image}>
    <discord-embed-description slot="description">${markdown(e.description || '')}</discord-embed-description>
    ${fields ? `<discord-embed-fields slot="fields">${fields}</discord-embed-fields>` : ''}
    ${e.footer ? `<discord-embed-footer slot="footer">${html(e.footer.text)}</discord-embed-footer>` : ''}
  </discord-embed>`;
}

function buttons(rows) {
  return (rows || [])
    .map((row) => `<discord-attachments slot="components"><discord-action-row>${(row.components || [])
      .map((b) => `<discord-button type="secondary">${html(b.label || '')}</discord-button>`)
      .join('')}</discord-action-row></discord-attachments>`)
    .join('');
}

const messages = shown
  .map((s) => `<p class="name">${html(s.name)}</p>
  <discord-messages><discord-message author="newsbot" bot>
    ${markdown(s.message.content || '')}
    ${(s.message.embeds || []).map((e) => embed(e, s.files)).join('')}
    ${buttons(s.message.components)}
  </discord-message></discord-messages>`)
  .join('\n');

process.stdout.write(`<!doctype html>
<html><head><meta charset="utf-8"><title>newsbot payloads</title>
<style>body { background: #313338; margin: 0; width: 560px; font-family: sans-serif; } .name { color: #949ba4; font: 12px monospace; margin: 16px 16px 0; }</style>
<script src="components.js"></script></head>
<body>${messages}</body></html>
`);
