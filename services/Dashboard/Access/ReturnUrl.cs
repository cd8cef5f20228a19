namespace Platform.Dashboard.Access;

/// <summary>Where sign-in sends a person back: a page of the console, or the console's home.</summary>
public static class ReturnUrl
{
    public const int MaxLength = 2048;

    public static string Home => DashboardOptions.PathBase + "/";

    /// <summary>
    /// Note: only a path under the console's path base, judged as given and once more decoded. Browsers drop
    /// tabs and newlines and read <c>\</c> as <c>/</c>, so <c>/\t/evil.example</c> or <c>/\evil.example</c> leave
    /// the site; ASP.NET Core's IsLocalUrl lets the tab through. A CR or LF would also break the Location
    /// header. Anything doubtful goes home rather than being repaired.
    /// </summary>
    public static string Resolve(string? returnUrl)
    {
        if (string.IsNullOrEmpty(returnUrl) || returnUrl.Length > MaxLength) return Home;
        if (!returnUrl.All(c => c is > ' ' and < '\x7f' and not '\\')) return Home;
        var decoded = Uri.UnescapeDataString(returnUrl);
        if (decoded.Any(c => char.IsControl(c) || c == '\\')) return Home;
        return IsConsolePath(PathOf(returnUrl)) && IsConsolePath(PathOf(decoded)) ? returnUrl : Home;
    }

    private static string PathOf(string url) => url.Split('?', '#')[0];

    private static bool IsConsolePath(string path) =>
        (path.Equals(DashboardOptions.PathBase, StringComparison.OrdinalIgnoreCase) || path.StartsWith(DashboardOptions.PathBase + "/", StringComparison.OrdinalIgnoreCase))
        && !path.Contains("//", StringComparison.Ordinal)
        && !path.Split('/').Any(segment => segment is "." or "..");
}
