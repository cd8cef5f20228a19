using System.Globalization;

namespace Platform.Audit.Log;

/// <summary>Query-string values parsed by hand: absent is fine, malformed is the caller's 400.</summary>
public static class Query
{
    public static bool TryGuid(string? value, out Guid? id)
    {
        id = null;
        if (value is null) return true;
        if (!Guid.TryParse(value, out var parsed)) return false;
        id = parsed;
        return true;
    }

    public static bool TryInstant(string? value, out DateTimeOffset? at)
    {
        at = null;
        if (value is null) return true;
        if (!DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)) return false;
        at = parsed;
        return true;
    }
}
