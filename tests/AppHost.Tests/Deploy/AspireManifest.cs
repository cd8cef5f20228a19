using System.Text.Json;
using System.Text.RegularExpressions;

namespace Platform.AppHost.Tests.Deploy;

/// <summary>The resources of the Aspire manifest, and what the deployment's checks ask of them.</summary>
internal sealed partial class AspireManifest(JsonElement resources, string checkout)
{
    /// <summary>The manifest's references to another resource's property: <c>{keys-api.bindings.http.url}</c>.</summary>
    [GeneratedRegex(@"\{([a-z0-9-]+)\.([^}]+)\}")]
    public static partial Regex Placeholder();

    public JsonElement this[string resource] => resources.GetProperty(resource);

    public IEnumerable<(string Name, JsonElement Value)> Projects =>
        resources.EnumerateObject().Where(r => IsProject(r.Name)).Select(r => (r.Name, r.Value));

    public bool IsProject(string resource) => this[resource].GetProperty("type").GetString() == "project.v0";

    /// <summary>The project's folder in the checkout: the manifest names it relative to its own folder, one below the checkout.</summary>
    public string Folder(JsonElement project) =>
        Path.GetDirectoryName(Path.GetFullPath(Path.Combine(checkout, "manifest", project.GetProperty("path").GetString()!)))!;

    /// <summary>The parameter a value is, when it is nothing but a secret parameter (<c>{platform.connectionString}</c>).</summary>
    public string? SecretParameter(string value) =>
        Placeholder().Match(value) is { Success: true } placeholder && placeholder.Value == value && this[placeholder.Groups[1].Value] is var resource
            && resource.GetProperty("type").GetString() == "parameter.v0"
            && resource.GetProperty("inputs").GetProperty("value").GetProperty("secret").GetBoolean()
            ? placeholder.Groups[1].Value
            : null;

    /// <summary>Who calls a service: every project (of those deployed) the manifest hands its address, the gateway among them.</summary>
    public IEnumerable<string> Callers(string service, Func<string, bool> deployed) =>
        Projects.Where(p => deployed(p.Name) && p.Value.GetProperty("env").TryGetProperty($"services__{service}__http__0", out _)).Select(p => p.Name);

    /// <summary>The projects whose own code (not bin/ or obj/) calls a method.</summary>
    public IEnumerable<string> ProjectsWhoseCodeCalls(string call) => Projects.Where(p =>
    {
        var folder = Folder(p.Value);
        return Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f[folder.Length..].Split(Path.DirectorySeparatorChar).Any(d => d is "bin" or "obj"))
            .Any(f => File.ReadAllText(f).Contains(call, StringComparison.Ordinal));
    }).Select(p => p.Name);
}
