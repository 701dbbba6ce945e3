/**
 * Test helper: a middleware for an AWS client's stack (step 'initialize') that tells `onCall` the
 * command name of every call, then fails the call with `failure()` while that is set.
 */
export function countingMiddleware(onCall: (commandName: string) => void, failure: () => Error | null) {
  return <A, R>(next: (args: A) => Promise<R>, context: { commandName?: string }) => async (args: A): Promise<R> => {
    onCall(context.commandName ?? '?');
    const error = failure();
    if (error !== null) throw error;
    return next(args);
  };
}
