/**
 * Lets an instance be called like a function (`tokenizer(texts, options)`, as in Python) while
 * keeping class methods: the constructor returns a function whose prototype is the subclass's.
 * Subclass field initializers run on that function because it becomes their `this`.
 */
export abstract class Callable<A extends unknown[], R> {
  constructor() {
    const fn = (...args: A): R => (fn as unknown as Callable<A, R>).invoke(...args);
    Object.setPrototypeOf(fn, new.target.prototype);
    // A function's own `length`/`name` would shadow same-named members of the subclass.
    delete (fn as { length?: number }).length;
    delete (fn as { name?: string }).name;
    // biome-ignore lint/correctness/noConstructorReturn: returning the callable is the point
    return fn as unknown as Callable<A, R>;
  }

  protected abstract invoke(...args: A): R;
}
