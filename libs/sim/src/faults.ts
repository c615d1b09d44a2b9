import { Rng } from '@crucible/core';
import type { DraftToolCall, SimFaultKind, SimFaults } from './sim-types.js';

// Required arguments of the code environment's tools, so a fault can drop one.
const REQUIRED: Record<string, string[]> = {
  read_file: ['path'],
  search: ['pattern'],
  write_file: ['path', 'content'],
  edit: ['path', 'old', 'new'],
  run: ['command'],
};

/** Decides, request by request, which fault to inject: the script first, then the random rates. */
export class FaultPlan {
  private readonly script: Array<SimFaultKind | 'ok'>;
  private readonly rng: Rng;

  constructor(
    private readonly faults: SimFaults,
    seed: number,
  ) {
    this.script = [...(faults.script ?? [])];
    this.rng = new Rng('sim-faults', seed);
  }

  /** The fault for the next chat completion request, or null to serve it. */
  next(): SimFaultKind | null {
    const scripted = this.script.shift();
    if (scripted !== undefined) return scripted === 'ok' ? null : scripted;
    const f = this.faults;
    if (f.rate429 && this.rng.chance(f.rate429)) return '429';
    if (f.rate500 && this.rng.chance(f.rate500)) return '500';
    if (f.malformedRate && this.rng.chance(f.malformedRate)) return 'malformed';
    return null;
  }

  /** Extra latency for the next request, uniform in [0, extraLatencyMs]. */
  extraLatency(): number {
    return this.faults.extraLatencyMs ? Math.round(this.rng.next() * this.faults.extraLatencyMs) : 0;
  }

  /** Whether the next choice with tool calls gets broken arguments. */
  breakToolArgs(): boolean {
    return !!this.faults.invalidToolArgsRate && this.rng.chance(this.faults.invalidToolArgsRate);
  }

  /** Breaks one call: arguments that are not JSON, or (when the tool has one) JSON missing a required field. */
  breakCall(call: DraftToolCall): DraftToolCall {
    const required = REQUIRED[call.name];
    if (required && this.rng.chance(0.5)) {
      const args = JSON.parse(call.arguments) as Record<string, unknown>;
      delete args[required[0] as string];
      return { ...call, arguments: JSON.stringify(args) };
    }
    return { ...call, arguments: call.arguments.slice(0, Math.max(1, call.arguments.length - 2)) };
  }
}
