namespace Platform.Tokens;

/// <summary>Names this assembly for test hosts (every service's entry point is called Program).</summary>
public sealed class TokensApi;
