using System.Text.Json.Nodes;

namespace Platform.AppHost.Tests.Deploy;

/// <summary>RFC 6902's add, replace and remove, the operations the deployment's patches use.</summary>
internal static class JsonPatch
{
    public static void Apply(JsonObject document, JsonObject operation)
    {
        var op = (string)operation["op"]!;
        var segments = ((string)operation["path"]!).Split('/')[1..].Select(s => s.Replace("~1", "/").Replace("~0", "~")).ToArray();
        JsonNode parent = document;
        foreach (var segment in segments[..^1])
            parent = (parent is JsonArray array ? array[int.Parse(segment)] : parent[segment])
                ?? throw new InvalidOperationException($"{operation["path"]}: '{segment}' does not exist");
        var last = segments[^1];
        switch (op, parent)
        {
            case ("add", JsonArray array):
                var value = operation["value"]!.DeepClone();
                if (last == "-") array.Add(value);
                else array.Insert(int.Parse(last), value);
                break;
            case ("add" or "replace", JsonObject o):
                if (op == "replace" && !o.ContainsKey(last)) throw new InvalidOperationException($"{operation["path"]} does not exist");
                o[last] = operation["value"]!.DeepClone();
                break;
            case ("replace", JsonArray array):
                array[int.Parse(last)] = operation["value"]!.DeepClone();
                break;
            case ("remove", JsonArray array):
                array.RemoveAt(int.Parse(last));
                break;
            case ("remove", JsonObject o):
                o.Remove(last).ShouldBeTrue($"{operation["path"]} does not exist");
                break;
            default:
                throw new NotSupportedException($"JSON patch operation '{op}'");
        }
    }
}
