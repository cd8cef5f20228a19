namespace Platform.Keys.Accounts;

/// <summary>Who keys belong to. Every management call acts within the caller key's account.</summary>
public sealed record Account(Guid Id, string Name, DateTimeOffset CreatedAt);
