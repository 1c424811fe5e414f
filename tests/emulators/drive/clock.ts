// The stand-in's clock: a base time source (real time unless the caller injects one) plus an
// offset that the admin API can set or advance, so tests can expire tokens and channels.
export class Clock {
  private offsetMs = 0;

  constructor(private readonly base: () => number = Date.now) {}

  now(): number {
    return this.base() + this.offsetMs;
  }

  iso(): string {
    return new Date(this.now()).toISOString();
  }

  set(atMs: number): void {
    this.offsetMs = atMs - this.base();
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }

  reset(): void {
    this.offsetMs = 0;
  }
}
