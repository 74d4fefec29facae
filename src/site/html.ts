/** Text and attribute values for HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** JSON inside `<script type="application/json">`: `<` is escaped so no `</script>` can close it early. */
export function jsonForScript(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** JavaScript inside `<script>`: `</` and `<!--` are written so the HTML parser never sees them (`\/` is `/` in strings and regexes). */
export function codeForScript(code: string): string {
  return code.replace(/<\//g, '<\\/').replace(/<!--/g, '<\\!--');
}
