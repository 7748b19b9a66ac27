// Stored times are UTC (ISO 8601); people read their own clock.

const pad = (value: number) => String(value).padStart(2, '0');

/** "14:05" in local time. */
export function clockTime(iso: string): string {
	const date = new Date(iso);
	return Number.isNaN(date.getTime()) ? '' : `${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** "2026-11-25 14:05" in local time. */
export function dateTime(iso: string): string {
	const date = new Date(iso);
	if (Number.isNaN(date.getTime())) return '';
	return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${clockTime(iso)}`;
}
