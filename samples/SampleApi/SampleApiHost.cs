namespace Platform.Samples.SampleApi;

/// <summary>Names this assembly for test hosts (its entry point is the top-level Program).</summary>
public sealed class SampleApiHost;
