/**
 * A copy of `s` that shares no memory with the string it was cut from. V8 keeps a substring of 13 characters or
 * more as a view of its parent: a cache key cut from a note would keep the whole note's text alive.
 */
export function ownString(s: string): string {
  return s.length < 13 ? s : Array.from(s).join('');
}

/**
 * A string-keyed cache for pure functions of catalogue data (source links, compiled templates, catalogue
 * blocks of an explanation) and of the few words notes repeat (state spellings, command lines): the cap makes
 * sure no caller can grow it without limit (past it the cache starts over), and its keys are own copies (a
 * key cut from a note does not keep the note). Values are shared: read-only.
 */
export class BoundedMemo<V> {
  private readonly map = new Map<string, V>();

  constructor(private readonly max: number) {}

  get(key: string, make: () => V): V {
    let v = this.map.get(key);
    if (v === undefined) {
      v = make();
      if (this.map.size >= this.max) this.map.clear();
      this.map.set(ownString(key), v);
    }
    return v;
  }

  get size(): number {
    return this.map.size;
  }
}
