namespace LlmPreflight
{
    /// <summary>Which calls of a policy are answered from the cache (<see cref="LlmPolicyOptions.CacheMode"/>).</summary>
    public enum LlmCacheMode
    {
        /// <summary>
        /// Only calls that ask for it: <see cref="LlmGuard.RunCachedAsync{T}(object, System.Func{System.Threading.CancellationToken, System.Threading.Tasks.Task{T}}, System.Threading.CancellationToken)"/>.
        /// The default: a cached answer is only right where the caller knows the request fully determines it.
        /// </summary>
        OptIn = 0,

        /// <summary>
        /// Also every non-streaming request of a <see cref="LlmGuardChatClient"/> (<c>UseLlmPreflight</c>) on this policy,
        /// whose request (messages, options, the client's model) is known to the middleware.
        /// </summary>
        AllCalls = 1,

        /// <summary>Nothing is cached: <c>RunCachedAsync</c> runs the call as <c>RunAsync</c> does. A switch for configuration.</summary>
        Off = 2,
    }
}
