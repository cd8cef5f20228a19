using Platform.Agents.Credentials;
using Platform.Agents.Parents;
using Platform.Contracts;
using Platform.Secrets;

namespace Platform.Agents.Tests;

/// <summary>
/// The subset rule over random inputs (seeded, so a failure reproduces): whatever is asked, a credential
/// is never granted a scope, tool or resource its parent lacks.
/// </summary>
public class SubsetPropertyTests
{
    private static readonly string[] Catalogue = [.. Scopes.All];
    private static readonly string[] Names = ["search", "files.read", "files.write", "files.read.pdf", "db:query", "reports/q3", "reports/2026/q1", "shell", "a", "ab", "abc"];
    private static readonly string[] Fragments = ["search", "files.", "read", "write", "db:", "reports/", "q", "a", "b", "*", "*", "."];
    private static readonly AgentsOptions Options = new();
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private static string[] RandomScopes(Random random) => Catalogue.Where(_ => random.Next(3) == 0).ToArray();

    private static string RandomPattern(Random random) =>
        string.Concat(Enumerable.Range(0, random.Next(1, 4)).Select(_ => Fragments[random.Next(Fragments.Length)]));

    private static string[]? RandomPatterns(Random random) =>
        random.Next(4) == 0 ? null : Enumerable.Range(0, random.Next(1, 4)).Select(_ => RandomPattern(random)).Distinct().ToArray();

    [Fact]
    public void a_credential_minted_from_a_key_never_holds_a_scope_the_key_lacks()
    {
        var random = new Random(20261123);
        var (granted, refused) = (0, 0);
        for (var i = 0; i < 2000; i++)
        {
            var keyScopes = RandomScopes(random);
            var asked = random.Next(5) == 0 ? null : RandomScopes(random);
            var parent = new Parent(Parent.ApiKey, Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), keyScopes, null);

            var (refusal, minted) = MintCredentialEndpoint.Decide(new MintCredential("a", asked, null, null), parent, null, Options, SecretFormat.Generate(SecretFormat.AgentTokenPrefix), Guid.NewGuid(), Now);

            if (minted is null)
            {
                refused++;
                refusal.ShouldNotBeNull();
                asked!.Any(s => !Grants.HasScope(keyScopes, s)).ShouldBeTrue($"refused a subset: key [{string.Join(",", keyScopes)}] asked [{string.Join(",", asked ?? [])}]");
                continue;
            }
            granted++;
            foreach (var scope in Catalogue)
                if (Grants.HasScope(minted.Scopes, scope))
                    Grants.HasScope(keyScopes, scope).ShouldBeTrue($"key [{string.Join(",", keyScopes)}] asked [{string.Join(",", asked ?? [])}] got '{scope}'");
        }
        granted.ShouldBeGreaterThan(100);
        refused.ShouldBeGreaterThan(100);
    }

    [Fact]
    public void a_restricted_child_never_holds_a_scope_tool_or_resource_its_parent_lacks()
    {
        var random = new Random(6);
        var (granted, refused) = (0, 0);
        for (var i = 0; i < 3000; i++)
        {
            var parent = ACredential(RandomScopes(random), RandomPatterns(random), RandomPatterns(random));
            var asked = new RestrictCredential("child", random.Next(5) == 0 ? null : RandomScopes(random), RandomPatterns(random), RandomPatterns(random));

            var (_, minted) = RestrictCredentialEndpoint.Decide(asked, parent, parent.Scopes, Options, SecretFormat.Generate(SecretFormat.AgentTokenPrefix), Guid.NewGuid(), Now);

            if (minted is null)
            {
                refused++;
                continue;
            }
            granted++;
            foreach (var scope in Catalogue)
                if (Grants.HasScope(minted.Scopes, scope)) Grants.HasScope(parent.Scopes, scope).ShouldBeTrue($"child got scope '{scope}'");
            foreach (var name in Names)
            {
                if (Allows(minted.Tools, name)) Allows(parent.Tools, name).ShouldBeTrue($"child tools [{string.Join(",", minted.Tools ?? [])}] allow '{name}', parent's [{string.Join(",", parent.Tools ?? [])}] do not");
                if (Allows(minted.Resources, name)) Allows(parent.Resources, name).ShouldBeTrue($"child resources allow '{name}'");
            }
            minted.ExpiresAt.ShouldBeLessThanOrEqualTo(parent.ExpiresAt);
        }
        granted.ShouldBeGreaterThan(100);
        refused.ShouldBeGreaterThan(100);
    }

    [Fact]
    public void a_pattern_that_covers_another_matches_every_name_the_other_matches()
    {
        var random = new Random(42);
        for (var i = 0; i < 5000; i++)
        {
            var (wider, narrower) = (RandomPattern(random), RandomPattern(random));
            if (!Glob.Covers(wider, narrower)) continue;
            foreach (var name in Names)
                if (Glob.Matches(narrower, name)) Glob.Matches(wider, name).ShouldBeTrue($"'{wider}' covers '{narrower}' but not '{name}'");
        }
    }

    [Theory]
    [InlineData("files.*", "files.read", true)]
    [InlineData("files.*", "files.", true)]
    [InlineData("files.*", "file", false)]
    [InlineData("*", "", true)]
    [InlineData("a*c", "abbc", true)]
    [InlineData("a*c", "abcd", false)]
    [InlineData("search", "search", true)]
    [InlineData("search", "searcher", false)]
    public void glob_patterns_match_names(string pattern, string name, bool matches) =>
        Glob.Matches(pattern, name).ShouldBe(matches);

    private static bool Allows(string[]? patterns, string name) => patterns is null || patterns.Any(p => Glob.Matches(p, name));

    private static AgentCredential ACredential(string[] scopes, string[]? tools, string[]? resources) => new(
        Guid.NewGuid(), Guid.NewGuid(), "parent", Guid.NewGuid(), null, [], scopes, tools, resources, null,
        CredentialStatus.Active, "hash", "agent_tok_...abcd", Now.AddMinutes(-5), Now.AddMinutes(30));
}
