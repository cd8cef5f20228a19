namespace Platform.Testing;

public static class Tampered
{
    /// <summary>The secret with its last character changed: never the secret itself (appending "x" to all but the last is, one time in 62).</summary>
    public static string Secret(string secret) => secret[..^1] + (secret[^1] == 'x' ? 'y' : 'x');
}
