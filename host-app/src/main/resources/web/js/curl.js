// An action's call as a curl command, to try it from a shell as a bot would send it. It never holds a
// token: the administrator's token is the shell variable HOST_ADMIN_TOKEN, which the shell expands (so the
// header is in double quotes; everything else is single-quoted, taken literally).

/** `text` as one shell word, taken literally by a POSIX shell: single quotes, each ' as '\''. */
export function shellQuote(text) {
  return `'${String(text).replace(/'/g, "'\\''")}'`;
}

/** The command that POSTs `body` (exactly as the page sends it) to `requestPath` on `origin`. */
export function curlCommand(origin, requestPath, body) {
  return [
    `curl -X POST ${shellQuote(origin + requestPath)}`,
    `-H "Authorization: Bearer $HOST_ADMIN_TOKEN"`,
    `-H 'Content-Type: application/json'`,
    `--data ${shellQuote(JSON.stringify(body))}`,
  ].join(" \\\n  ");
}
