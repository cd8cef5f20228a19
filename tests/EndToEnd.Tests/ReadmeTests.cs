using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Platform.EndToEnd.Tests;

/// <summary>The README's first five minutes, run as written: its curl commands, with the secrets they print put in.</summary>
[Collection(nameof(PlatformCollection))]
public partial class ReadmeTests(PlatformFixture platform)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task the_readme_creates_a_key_mints_an_agent_and_both_call_chat_completions()
    {
        var posts = FirstFiveMinutes().Where(c => c.Body is not null).ToList();
        posts.Select(c => c.Path).ShouldBe(["/api/keys", "/v1/chat/completions", "/api/agents", "/v1/chat/completions"]);
        var values = new Dictionary<string, string> { ["$ADMIN"] = platform.AdminKey };

        values["$KEY"] = (await SendAsync(posts[0], values)).GetProperty("secret").GetString()!;
        await SendAsync(posts[1], values);
        values["agent_tok_..."] = (await SendAsync(posts[2], values)).GetProperty("token").GetString()!;
        await SendAsync(posts[3], values);
    }

    private sealed record Curl(string Path, string? Body, IReadOnlyList<(string Name, string Value)> Headers);

    /// <summary>Sent until it answers 2xx: a new key or credential reaches every replica within milliseconds.</summary>
    private async Task<JsonElement> SendAsync(Curl curl, Dictionary<string, string> values)
    {
        string Fill(string text) => values.Aggregate(text, (t, v) => t.Replace(v.Key, v.Value));
        HttpRequestMessage Request()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, curl.Path) { Content = new StringContent(Fill(curl.Body!), Encoding.UTF8, "application/json") };
            foreach (var (name, value) in curl.Headers.Where(h => h.Name != "Content-Type")) request.Headers.TryAddWithoutValidation(name, Fill(value));
            return request;
        }
        var (status, text) = await Eventually.ValueAsync(async () =>
        {
            using var response = await platform.Gateway.SendAsync(Request(), Ct);
            return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct));
        }, r => r.StatusCode is HttpStatusCode.OK or HttpStatusCode.Created or HttpStatusCode.BadRequest, TimeSpan.FromSeconds(10));
        ((int)status).ShouldBeInRange(200, 299, $"{curl.Path} {curl.Body}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    private static IEnumerable<Curl> FirstFiveMinutes()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));
        var block = BashBlock().Match(readme).Groups[1].Value.Replace("\\\n", " ");
        foreach (var line in block.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("curl ", StringComparison.Ordinal)))
            yield return new Curl(
                Url().Match(line).Groups[1].Value,
                Data().Match(line) is { Success: true } data ? data.Groups[1].Value : null,
                [.. Header().Matches(line).Select(m => (m.Groups[2].Value, m.Groups[3].Value))]);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Platform.sln"))) return dir.FullName;
        throw new InvalidOperationException("the repository root (Platform.sln) was not found above the test binaries");
    }

    [GeneratedRegex(@"The first five minutes:\s*```bash\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex BashBlock();

    [GeneratedRegex(@"\$GW(/[^\s""']*)")]
    private static partial Regex Url();

    [GeneratedRegex(@"-d '([^']*)'")]
    private static partial Regex Data();

    [GeneratedRegex(@"-H (['""])([^:]+): ([^'""]*)\1")]
    private static partial Regex Header();
}
