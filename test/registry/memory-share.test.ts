/** The flow engine gives DuckDB a share of `--memory` as its own limit, written as DuckDB reads amounts. */
import { describe, expect, it } from 'vitest';
import { shareOfMemory } from '../../src/registry/database.js';

describe('a share of --memory', () => {
  it('is written in whole megabytes, in the units DuckDB gives them (1GB = 1000 MB, 1GiB = 1024 MiB)', () => {
    expect(shareOfMemory('1GB', 0.25)).toBe('250MB');
    expect(shareOfMemory('512MB', 0.25)).toBe('128MB');
    // 2 × 1024³ bytes × 0.25 = 536,870,912 bytes: 536 whole megabytes.
    expect(shareOfMemory('2GiB', 0.25)).toBe('536MB');
    expect(shareOfMemory('1.5 gb', 0.5)).toBe('750MB');
  });

  it('never falls to nothing, and refuses what --memory refuses', () => {
    expect(shareOfMemory('1KB', 0.25)).toBe('1MB');
    expect(() => shareOfMemory('lots', 0.25)).toThrow(/--memory "lots"/);
  });
});
