namespace Platform.Dashboard.Access;

/// <summary>
/// One sign-in, kept on the server: the browser's cookie holds only its id (and who signed in), never a
/// token. Tokens are stored encrypted with Data Protection, so a database dump alone reveals none.
/// </summary>
public sealed record SignedInSession(
    string Id, string Subject, Guid AccountId, string ProtectedAccessToken, string ProtectedRefreshToken,
    DateTimeOffset AccessTokenExpiresAt, DateTimeOffset CreatedAt, DateTimeOffset LastRefreshedAt);
