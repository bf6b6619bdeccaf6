namespace LlmPreflight.Internal
{
    /// <summary>What a static pipeline callback needs, passed as Polly state so no closure is allocated per call.</summary>
    internal readonly struct CallState<TCall>
    {
        public CallState(GuardPolicy policy, TCall call)
        {
            Policy = policy;
            Call = call;
        }

        public GuardPolicy Policy { get; }

        public TCall Call { get; }
    }
}
