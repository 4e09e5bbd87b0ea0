/**
 * A database URL fit for logs: the password replaced by `***`.
 * @example redactUrl('postgres://camp:secret@db/camp') // 'postgres://camp:***@db/camp'
 */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://(unparsable URL)';
  }
}
