using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Platform.AppHost.Tests.Deploy;

/// <summary>
/// YAML documents as JSON objects with every scalar a string, so that kubectl's output and the fallback
/// renderer's compare as they are (kubectl writes <c>port: 80</c> where a source may say <c>"80"</c>).
/// </summary>
internal static class Yaml
{
    public static List<JsonObject> Documents(string text) => [.. Load(text).Select(d => ToJson(d.RootNode)).OfType<JsonObject>()];

    /// <summary>A document that is a list (a JSON 6902 patch), or null when it is not.</summary>
    public static JsonArray? Sequence(string text) => Load(text).Single().RootNode is YamlSequenceNode list ? (JsonArray)ToJson(list)! : null;

    private static IList<YamlDocument> Load(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return stream.Documents;
    }

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        // Aliases (&anchor, *alias) come as the same node: each use becomes a node of its own here.
        YamlMappingNode map => new JsonObject(map.Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value!, ToJson(c.Value)))),
        YamlSequenceNode sequence => new JsonArray([.. sequence.Children.Select(ToJson)]),
        YamlScalarNode scalar => Scalar(scalar),
        _ => throw new NotSupportedException($"YAML node {node.NodeType} at {node.Start}"),
    };

    private static JsonValue? Scalar(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? "";
        if (scalar.Style is not ScalarStyle.Plain) return JsonValue.Create(value);
        if (value is "" or "~" or "null") return null;
        // A YAML 1.1 octal (a Secret volume's defaultMode: 0440), which kustomize writes in decimal.
        if (value.Length > 1 && value[0] == '0' && value.All(c => c is >= '0' and <= '7'))
            return JsonValue.Create(Convert.ToInt32(value, 8).ToString(CultureInfo.InvariantCulture));
        return JsonValue.Create(value);
    }
}
