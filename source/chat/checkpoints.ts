// The clock of the saves of growing answers: one timer, running only while answers stream, so an idle
// glm-tui never wakes up for it and a streamed token never pays for a save.
import {systemTimers, type TimerHandle, type Timers} from './ports.js';

export class Checkpoints {
	private timer: TimerHandle | undefined;

	/** `tick` saves what needs saving and returns whether answers are still streaming. */
	constructor(
		private readonly intervalMs: number,
		private readonly tick: () => boolean,
		private readonly timers: Timers = systemTimers,
	) {}

	start(): void {
		if (this.timer || this.intervalMs <= 0) return;
		this.timer = this.timers.setInterval(() => {
			if (!this.tick()) this.stop();
		}, this.intervalMs);
		// The stream's socket keeps the process alive; this timer alone must not.
		this.timers.unref(this.timer);
	}

	stop(): void {
		this.timers.clearInterval(this.timer);
		this.timer = undefined;
	}
}
