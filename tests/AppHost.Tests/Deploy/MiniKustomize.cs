using System.Text.Json.Nodes;

namespace Platform.AppHost.Tests.Deploy;

/// <summary>
/// The Kustomize features deploy/kubernetes uses, and no others, for machines without kubectl: resources
/// (files and folders), components, JSON 6902 patches aimed by kind and name, namespace, labels and
/// images. Anything else in a kustomization fails here by name, rather than being rendered wrong;
/// where kubectl exists, DeployTests holds both renderings to be equal.
/// </summary>
internal static class MiniKustomize
{
    private static readonly HashSet<string> Fields = ["apiVersion", "kind", "namespace", "labels", "resources", "components", "images", "patches"];
    private static readonly HashSet<string> ClusterScoped = ["Namespace"];
    private static readonly HashSet<string> Namespaced =
        ["ConfigMap", "Secret", "Service", "Deployment", "Job", "PodDisruptionBudget", "HorizontalPodAutoscaler", "NetworkPolicy", "Ingress"];

    public static List<JsonObject> Render(string folder)
    {
        var objects = new List<JsonObject>();
        Apply(folder, "Kustomization", objects);
        return objects;
    }

    /// <summary>A kustomization adds its resources to a list of its own; a component adds them to its parent's, and transforms all of it.</summary>
    private static void Apply(string folder, string kind, List<JsonObject> objects)
    {
        var kustomization = Yaml.Documents(File.ReadAllText(System.IO.Path.Combine(folder, "kustomization.yaml"))).Single();
        foreach (var field in kustomization.Select(f => f.Key).Where(f => !Fields.Contains(f)))
            throw new NotSupportedException($"{folder}: the fallback renderer does not know the kustomization field '{field}'");
        ((string?)kustomization["kind"] ?? "Kustomization").ShouldBe(kind, folder);

        foreach (var resource in Strings(kustomization["resources"]).Select(r => System.IO.Path.Combine(folder, r)))
        {
            if (!Directory.Exists(resource))
            {
                objects.AddRange(Yaml.Documents(File.ReadAllText(resource)));
                continue;
            }
            var own = new List<JsonObject>();
            Apply(resource, "Kustomization", own);
            objects.AddRange(own);
        }
        foreach (var component in Strings(kustomization["components"]))
            Apply(System.IO.Path.Combine(folder, component), "Component", objects);

        foreach (var patch in kustomization["patches"]?.AsArray() ?? [])
            Patch(folder, patch!.AsObject(), objects);
        if ((string?)kustomization["namespace"] is { } name)
            foreach (var o in objects) SetNamespace(o, name);
        foreach (var labels in kustomization["labels"]?.AsArray() ?? [])
            AddLabels(labels!.AsObject(), objects);
        foreach (var image in kustomization["images"]?.AsArray() ?? [])
            SetImage(image!.AsObject(), objects);
    }

    private static void Patch(string folder, JsonObject patch, List<JsonObject> objects)
    {
        Known(patch, "path", "target");
        var target = patch["target"]!.AsObject();
        Known(target, "kind", "name");
        var operations = Yaml.Sequence(File.ReadAllText(System.IO.Path.Combine(folder, (string)patch["path"]!)))
            ?? throw new NotSupportedException($"{patch["path"]}: only JSON 6902 patches (a list of operations) are known here");
        var targets = objects.Where(o => (string?)o["kind"] == (string?)target["kind"] && Name(o) == (string?)target["name"]).ToList();
        targets.Count.ShouldBe(1, $"patch {patch["path"]} must find its one target");
        foreach (var operation in operations) JsonPatch.Apply(targets[0], operation!.AsObject());
    }

    private static void SetNamespace(JsonObject o, string name)
    {
        var kind = (string)o["kind"]!;
        if (kind == "Namespace") o["metadata"]!["name"] = name; // kustomize renames the namespace object itself
        else if (Namespaced.Contains(kind)) o["metadata"]!["namespace"] = name;
        else if (!ClusterScoped.Contains(kind)) throw new NotSupportedException($"the fallback renderer does not know whether {kind} is namespaced");
    }

    private static void AddLabels(JsonObject entry, List<JsonObject> objects)
    {
        Known(entry, "pairs", "includeSelectors", "includeTemplates");
        if ((string?)entry["includeSelectors"] == "true") throw new NotSupportedException("labels with includeSelectors");
        var templates = (string?)entry["includeTemplates"] == "true";
        foreach (var o in objects)
        {
            var places = new List<JsonObject> { o["metadata"]!.AsObject() };
            if (templates && PodTemplate(o) is { } template) places.Add(Child(template, "metadata"));
            foreach (var place in places)
                foreach (var (key, value) in entry["pairs"]!.AsObject())
                    Child(place, "labels")[key] = value!.DeepClone();
        }
    }

    private static void SetImage(JsonObject entry, List<JsonObject> objects)
    {
        Known(entry, "name", "newName", "newTag");
        foreach (var container in objects.Select(PodTemplate).OfType<JsonObject>().SelectMany(Containers))
        {
            var image = (string)container["image"]!;
            var (name, tag) = image.LastIndexOf(':') is var colon and > 0 && colon > image.LastIndexOf('/') ? (image[..colon], image[colon..]) : (image, "");
            if (name != (string?)entry["name"]) continue;
            container["image"] = ((string?)entry["newName"] ?? name) + ((string?)entry["newTag"] is { } newTag ? ":" + newTag : tag);
        }
    }

    public static JsonObject? PodTemplate(JsonObject o) =>
        (string?)o["kind"] is "Deployment" or "Job" ? o["spec"]!["template"]!.AsObject() : null;

    public static IEnumerable<JsonObject> Containers(JsonObject template) =>
        new[] { "initContainers", "containers" }.SelectMany(list => template["spec"]![list]?.AsArray() ?? []).Select(c => c!.AsObject());

    public static string Name(JsonObject o) => (string)o["metadata"]!["name"]!;

    private static JsonObject Child(JsonObject parent, string name) => (parent[name] ??= new JsonObject()).AsObject();

    private static IEnumerable<string> Strings(JsonNode? list) => list?.AsArray().Select(n => (string)n!) ?? [];

    private static void Known(JsonObject o, params string[] fields)
    {
        foreach (var field in o.Select(f => f.Key).Where(f => !fields.Contains(f)))
            throw new NotSupportedException($"the fallback renderer does not know '{field}' here: {o.ToJsonString()}");
    }
}
