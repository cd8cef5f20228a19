using Platform.Contracts;

namespace Platform.Agents.Credentials;

/// <summary>
/// The subset rule, in one place: what a credential may be granted given what its parent holds, and
/// what it may do given what its key holds now. <c>admin</c> holds every scope, as it does for keys.
/// </summary>
public static class Grants
{
    public static bool HasScope(IReadOnlyCollection<string> held, string scope) => held.Contains(scope) || held.Contains(Scopes.Admin);

    /// <summary>The requested scopes the parent does not hold: empty when the request is within it.</summary>
    public static string[] Exceeding(IReadOnlyCollection<string> parent, IEnumerable<string> requested) =>
        requested.Where(s => !HasScope(parent, s)).Distinct().Order(StringComparer.Ordinal).ToArray();

    /// <summary>What a credential granted <paramref name="granted"/> may use while its key holds <paramref name="authority"/>.</summary>
    public static string[] Narrow(string[] granted, IReadOnlyCollection<string>? authority) =>
        authority is null || authority.Contains(Scopes.Admin) ? granted
        : granted.Contains(Scopes.Admin) ? authority.Order(StringComparer.Ordinal).ToArray()
        : granted.Where(authority.Contains).ToArray();

    /// <summary>
    /// A child's allow-list within its parent's: null (unrestricted) only under an unrestricted parent, and
    /// every child pattern covered by a parent pattern. Returns the first pattern that is not.
    /// </summary>
    public static string? FirstUncovered(string[]? parent, string[]? child) =>
        parent is null ? null
        : child is null ? "*"
        : child.FirstOrDefault(p => !parent.Any(q => Glob.Covers(q, p)));
}

/// <summary>Tool and resource names with <c>*</c> standing for any run of characters.</summary>
public static class Glob
{
    public static bool Matches(string pattern, string name) => Match(pattern, 0, name, 0);

    /// <summary>
    /// True when every name <paramref name="narrower"/> matches also matches <paramref name="wider"/>.
    /// Note: checked by matching the narrower pattern's text, its stars taken literally, against the wider
    /// one; sound because a wider star absorbs whatever a narrower star later stands for. It may refuse
    /// some exotic pairs that are in fact covered, never the reverse.
    /// </summary>
    public static bool Covers(string wider, string narrower) => Matches(wider, narrower);

    private static bool Match(string pattern, int p, string name, int n)
    {
        // Iterative with one backtrack point: linear enough for the short patterns the rules allow.
        int star = -1, resume = 0;
        while (n < name.Length)
        {
            if (p < pattern.Length && pattern[p] == '*') { star = p++; resume = n; }
            else if (p < pattern.Length && pattern[p] == name[n]) { p++; n++; }
            else if (star >= 0) { p = star + 1; n = ++resume; }
            else return false;
        }
        while (p < pattern.Length && pattern[p] == '*') p++;
        return p == pattern.Length;
    }
}
