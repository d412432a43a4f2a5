/**
 * Where rows were read ("file#sheet", row), packed into one number each:
 * source index × 10⁸ + row. A million "file#sheet!row" strings kept alive
 * for a whole run cost more memory and garbage collection than the work
 * they serve (ingest's duplicate check, compare's stored households).
 */
export class SourceRows {
  private readonly sources: string[] = [];
  private readonly index = new Map<string, number>();
  private last: { source: string; at: number } | null = null;

  pack(source: string, row: number): number {
    // Rows come file by file and sheet by sheet: the source is mostly the last one.
    const last = this.last;
    if (last !== null && last.source === source) return last.at * 1e8 + row;
    let at = this.index.get(source);
    if (at === undefined) {
      at = this.sources.length;
      this.sources.push(source);
      this.index.set(source, at);
    }
    this.last = { source, at };
    return at * 1e8 + row;
  }

  unpack(packed: number): { source: string; row: number } {
    return { source: this.sources[Math.floor(packed / 1e8)]!, row: packed % 1e8 };
  }
}
