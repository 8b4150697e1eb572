import { HomeResponseDto } from './dto/home-response.dto.js';

const LABELS: Record<keyof HomeResponseDto['links'], string> = {
  docs: 'API documentation (Swagger UI)',
  openapi: 'OpenAPI document',
  health_live: 'Liveness',
  health_ready: 'Readiness (database and migrations)',
  admin: 'Staff console',
};

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (character) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[character]!);

/** The page a browser gets at /: the same facts as the JSON, with links to follow. */
export function homePage(home: HomeResponseDto): string {
  const links = (Object.keys(LABELS) as Array<keyof typeof LABELS>)
    .flatMap((key) => {
      const url = home.links[key];
      return url ? [`<li><a href="${escapeHtml(url)}">${LABELS[key]}</a> <code>${escapeHtml(new URL(url).pathname)}</code></li>`] : [];
    })
    .join('\n      ');
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${escapeHtml(home.name)} ${escapeHtml(home.version)}</title>
    <style>body { font: 16px/1.5 system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem; } code { color: #555; }</style>
  </head>
  <body>
    <h1>${escapeHtml(home.name)} <small>${escapeHtml(home.version)}</small></h1>
    <p>${escapeHtml(home.description)}</p>
    <ul>
      ${links}
    </ul>
    <p>Clients: send <code>Accept: application/json</code> (the default) for this as JSON.</p>
  </body>
</html>
`;
}
