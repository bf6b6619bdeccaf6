// LlmGuard's configuration is process-wide (a static registry), so tests that configure it must not overlap.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
