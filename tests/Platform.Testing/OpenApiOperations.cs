using System.Text.Json;

namespace Platform.Testing;

/// <summary>An OpenAPI document's operations with what they answer: each response's status and its body's schema name.</summary>
public static class OpenApiOperations
{
    public sealed record Answer(int Status, string? Schema);

    public sealed record Operation(string Method, string Path, IReadOnlyList<Answer> Success, IReadOnlyList<Answer> Errors)
    {
        public string Name => $"{Method} {Path}";

        public int[] ErrorStatuses() => [.. Errors.Select(e => e.Status)];
    }

    public static IReadOnlyList<Operation> Read(JsonDocument document)
    {
        var operations = new List<Operation>();
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        foreach (var method in path.Value.EnumerateObject())
        {
            if (!method.Value.TryGetProperty("responses", out var responses)) continue;
            var answers = responses.EnumerateObject().Select(r => new Answer(int.Parse(r.Name), SchemaOf(r.Value))).ToList();
            operations.Add(new(method.Name.ToUpperInvariant(), path.Name, [.. answers.Where(a => a.Status < 400)], [.. answers.Where(a => a.Status >= 400)]));
        }
        return operations;
    }

    public static Operation Find(IEnumerable<Operation> operations, string method, string path) =>
        operations.Single(o => o.Method == method && o.Path == path);

    /// <summary>The schema a response's body refers to, by its component name (an array's by its items' name); null without a body.</summary>
    private static string? SchemaOf(JsonElement response)
    {
        if (!response.TryGetProperty("content", out var content)) return null;
        foreach (var type in content.EnumerateObject())
        {
            if (!type.Value.TryGetProperty("schema", out var schema)) continue;
            if (schema.TryGetProperty("items", out var items)) schema = items;
            if (schema.TryGetProperty("$ref", out var reference)) return reference.GetString()!.Split('/')[^1];
            return schema.TryGetProperty("type", out var kind) ? kind.GetString() : "inline";
        }
        return null;
    }
}
