namespace Platform.Fuzz.Tests.Probes;

/// <summary>The hostile values the mutators put everywhere a client controls.</summary>
public static class Hostile
{
    /// <summary>Marks a string the serializer cannot carry: replaced in the JSON text by a lone UTF-16 surrogate escape.</summary>
    public const string LoneSurrogateMarker = "__LONE_SURROGATE__";

    public static readonly string Kb40 = new('a', 40 * 1024);
    public static readonly string Kb10 = new('b', 10 * 1024);

    /// <summary>Strings a person or attacker might send in any text field, by name.</summary>
    public static readonly (string Name, string Value)[] Strings =
    [
        ("empty", ""),
        ("whitespace", " \t "),
        ("NUL", "fuzz\0name"),
        ("control characters", "\u0001\u0007\u001b[31mred\u007f"),
        ("lone surrogate", LoneSurrogateMarker),
        ("right-to-left override", "\u202Egpj.exe"),
        ("zero-width and BOM", "\u200B\uFEFF\u200D"),
        ("combining marks", "Z\u0351\u0352\u0353\u0354\u0355\u0356\u0357\u0358a\u0300\u0301\u0302"),
        ("emoji and astral", "🔑🧪𝔘𝔫𝔦"),
        ("dotted I", "İıſK"),
        ("markup", "<script>alert(1)</script>\"'&"),
        ("path traversal", "../../../etc/passwd"),
        ("percent escapes", "%00%2e%2e%2f"),
        ("SQL", "' OR 1=1; --"),
        ("40 kB", Kb40),
    ];

    public static readonly string ZeroGuid = Guid.Empty.ToString();

    /// <summary>Ids for a route's <c>{id}</c>, escaped as sent; the foreign one is added by the mutator.</summary>
    public static readonly (string Name, string Value)[] Ids =
    [
        ("all-zero GUID", ZeroGuid),
        ("unknown GUID", "0193a1d2-ffff-7fff-8fff-ffffffffffff"),
        ("not a GUID", "not-a-guid"),
        ("very long id", new string('9', 5000)),
        ("%00", "%00"),
        ("..%2f", "..%2f..%2fkeys"),
        ("dot segment", "%2e%2e"),
        ("unicode id", "%E2%80%AE%F0%9F%94%91"),
        ("GUID with braces", "%7B" + Guid.Empty + "%7D"),
        ("int overflow", "99999999999999999999999"),
    ];

    public static readonly (string Name, string Value)[] Authorizations =
    [
        ("Bearer without token", "Bearer"),
        ("Bearer with two spaces", "Bearer  x"),
        ("Basic not base64", "Basic !!!"),
        ("Basic without colon", "Basic " + Convert.ToBase64String("nocolon"u8.ToArray())),
        ("10 kB token", "Bearer " + Kb10),
        ("unknown live key", "Bearer sk_live_" + new string('Z', 40)),
        ("unknown agent token", "Bearer agent_tok_" + new string('Z', 40)),
        ("unsigned JWT", "Bearer eyJhbGciOiJub25lIiwidHlwIjoiYXQrand0In0.eyJzdWIiOiJ4Iiwic2NvcGUiOiJrZXlzOm1hbmFnZSJ9."),
        ("unknown scheme", "Digest username=\"x\""),
        ("lower-case scheme and junk", "bearer \u00e9\u00e8"),
    ];
}
