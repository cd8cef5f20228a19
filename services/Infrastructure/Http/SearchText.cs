namespace Platform.Infrastructure.Http;

/// <summary>
/// The <c>q</c> of the list endpoints: what a person types in a search box, matched case-insensitively
/// within names. Bounded and free of control characters, so it is never a costly or odd pattern.
/// </summary>
public static class SearchText
{
    public const int MaxLength = 100;

    public static (string? Text, string? Problem) Parse(string? q)
    {
        if (q is null) return (null, null);
        var text = q.Trim();
        if (text.Length is 0 or > MaxLength || text.Any(char.IsControl)) return (null, $"q must be 1 to {MaxLength} printable characters");
        return (text, null);
    }
}
