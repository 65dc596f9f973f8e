/**
 * A string-keyed cache for pure functions of catalogue data (source links, compiled templates, catalogue
 * blocks of an explanation) and of the few words notes repeat (state spellings, command lines): the cap makes
 * sure no caller can grow it without limit (past it the cache starts over). Values are shared: read-only.
 */
export class BoundedMemo<V> {
  private readonly map = new Map<string, V>();

  constructor(private readonly max: number) {}

  get(key: string, make: () => V): V {
    let v = this.map.get(key);
    if (v === undefined) {
      v = make();
      if (this.map.size >= this.max) this.map.clear();
      this.map.set(key, v);
    }
    return v;
  }

  get size(): number {
    return this.map.size;
  }
}
