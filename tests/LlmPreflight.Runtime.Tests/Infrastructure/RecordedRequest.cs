namespace LlmPreflight.Runtime.Tests.Infrastructure;

/// <summary>One request the scripted server received, with the time it arrived.</summary>
public sealed record RecordedRequest(string Method, string Path, string Body, DateTimeOffset At);
