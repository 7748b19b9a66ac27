// Whether a process on this machine still runs: a lock or a mid-stream answer whose process is gone can be
// taken over. EPERM means it runs under another user, which still counts as alive.
export function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}
