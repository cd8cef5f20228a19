namespace Platform.Tokens.Authorize;

/// <summary>The scopes a user has allowed a client: asked once, remembered until widened.</summary>
public sealed record Consent(string Id, Guid UserId, Guid ClientId, string[] Scopes, DateTimeOffset GivenAt)
{
    public static string IdFor(Guid userId, Guid clientId) => $"{userId:N}:{clientId:N}";

    public bool Covers(IEnumerable<string> scopes) => scopes.All(Scopes.Contains);
}
