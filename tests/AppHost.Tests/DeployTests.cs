using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Platform.AppHost.Tests.Deploy;

namespace Platform.AppHost.Tests;

/// <summary>
/// deploy/kubernetes against the Aspire manifest: every setting a service is given there reaches its
/// container, and the cluster runs it probed, budgeted, scaled where it can be, and reachable only as the
/// manifest's references say. Rendered offline (docs/deploy.md), never applied.
/// </summary>
public sealed partial class DeployTests(DeployFixture fixture) : IClassFixture<DeployFixture>
{
    [Fact]
    public void the_fallback_renderer_renders_what_kubectl_renders()
    {
        if (Kubectl.Path is null)
        {
            // No kubectl here: every other check ran on the fallback's rendering, held to kubectl's where it exists.
            TestContext.Current.TestOutputHelper?.WriteLine("kubectl is not on PATH: the fallback renderer rendered deploy/kubernetes");
            fixture.Comparisons.ShouldBeEmpty();
            return;
        }
        fixture.Comparisons.Count.ShouldBe(3);
        foreach (var (folder, kubectl, fallback) in fixture.Comparisons)
        {
            fallback.Select(Key).ShouldBe(kubectl.Select(Key), ignoreOrder: true, folder);
            foreach (var expected in kubectl)
                JsonNode.DeepEquals(fallback.Single(o => Key(o) == Key(expected)), expected).ShouldBeTrue($"{folder}: {Key(expected)}");
        }
    }

    [Fact]
    public void the_base_deploys_every_service_of_the_manifest_and_the_samples_only_as_a_component()
    {
        var projects = fixture.Manifest.Projects.Select(p => p.Name).ToList();
        var samples = fixture.Manifest.Projects.Where(p => IsSample(p.Value)).Select(p => p.Name);
        samples.ShouldBe(["sample-api", "mcp-server"], ignoreOrder: true);
        Names(fixture.Platform.OfKind("Deployment")).ShouldBe(projects.Except(samples), ignoreOrder: true);
        Names(fixture.WithSamples.OfKind("Deployment")).ShouldBe(projects, ignoreOrder: true);
        // Without them the gateway is told nothing about the samples: their routes find no replica (503 in the error shape).
        fixture.Platform.Environment(fixture.Platform.Container("gateway")).Keys
            .ShouldNotContain(k => k.Contains("sample", StringComparison.OrdinalIgnoreCase) || k.Contains("mcp", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// Each variable the manifest gives a project holds the same in its container, directly, through the
    /// ConfigMap (envFrom) or a Secret. What the deployment puts in place of the manifest's placeholders:
    /// <list type="bullet">
    /// <item><c>{X.bindings.http.url}</c>: <c>http://X</c>, X's Service (port 80 to X's container port), by cluster DNS;</item>
    /// <item>the external binding's URL (the gateway's): the public origin, <c>https://</c> and the Ingress's host;</item>
    /// <item><c>{X.bindings.http.targetPort}</c>: X's container port (the manifest's when it names one);</item>
    /// <item>a secret parameter (<c>{platform.connectionString}</c>, <c>{feeds-api-key.value}</c>): one key of a Secret, the same for every service;</item>
    /// <item>a reference to a project the rendering leaves out (the samples): no variable at all.</item>
    /// </list>
    /// </summary>
    [Fact]
    public void every_setting_the_manifest_gives_a_service_reaches_its_container()
    {
        foreach (var rendered in fixture.Deployable)
        {
            var secrets = new Dictionary<string, FromSecret>();
            foreach (var (name, resource) in fixture.Manifest.Projects.Where(p => rendered.Find("Deployment", p.Name) is not null))
            {
                var env = rendered.Environment(rendered.Container(name));
                foreach (var variable in resource.GetProperty("env").EnumerateObject())
                {
                    var expression = variable.Value.GetString()!;
                    var what = $"{name}: {variable.Name} = {expression}";
                    if (ReferencesALeftOutProject(expression, rendered))
                        env.ShouldNotContainKey(variable.Name, what);
                    else if (fixture.Manifest.SecretParameter(expression) is { } parameter)
                    {
                        // Every service reads a secret parameter from the same key of the same Secret.
                        var secret = env.GetValueOrDefault(variable.Name).ShouldBeOfType<FromSecret>(what);
                        secret.ShouldBe(secrets.GetValueOrDefault(parameter, secret), what);
                        secrets[parameter] = secret;
                    }
                    else
                        env.GetValueOrDefault(variable.Name).ShouldBe(new Literal(Evaluate(expression, rendered)), what);
                }
            }
            secrets.Keys.ShouldBe(["platform", "feeds-api-key"], ignoreOrder: true);
            secrets.Values.Distinct().Count().ShouldBe(2);
        }
        // Not in the manifest: the console reaches the APIs inside the cluster, through the gateway's Service.
        var console = fixture.Platform.Environment(fixture.Platform.Container("dashboard"));
        console["Dashboard__ApiUrl"].ShouldBe(new Literal(fixture.Platform.ServiceUrl("gateway")));
    }

    [Fact]
    public void every_pod_runs_probed_as_a_non_root_user_on_a_read_only_file_system_with_its_resources_asked_for()
    {
        foreach (var rendered in fixture.Deployable)
            foreach (var (owner, kind, template) in rendered.PodTemplates)
            {
                ((string?)template["spec"]!["securityContext"]?["runAsNonRoot"]).ShouldBe("true", owner);
                ((string?)template["spec"]!["automountServiceAccountToken"]).ShouldBe("false", owner);
                foreach (var container in MiniKustomize.Containers(template))
                {
                    var what = $"{owner}/{container["name"]}";
                    foreach (var resource in new[] { "requests.cpu", "requests.memory", "limits.memory" })
                        container["resources"]?[resource.Split('.')[0]]?[resource.Split('.')[1]].ShouldNotBeNull($"{what}: {resource}");
                    ((string?)container["securityContext"]?["readOnlyRootFilesystem"]).ShouldBe("true", what);
                    ((string?)container["securityContext"]?["allowPrivilegeEscalation"]).ShouldBe("false", what);
                    // The one place it writes: an emptyDir.
                    var tmp = container["volumeMounts"]!.AsArray().Single(m => (string?)m!["mountPath"] == "/tmp")!;
                    template["spec"]!["volumes"]!.AsArray().Single(v => (string?)v!["name"] == (string?)tmp["name"])!["emptyDir"].ShouldNotBeNull(what);
                    if (kind == "Deployment") ShouldBeProbed(container, what);
                }
            }
    }

    [Fact]
    public void every_deployment_has_one_disruption_budget_that_lets_a_node_drain()
    {
        foreach (var rendered in fixture.Deployable)
            foreach (var deployment in rendered.OfKind("Deployment"))
            {
                var name = Rendered.Name(deployment);
                var budget = rendered.OfKind("PodDisruptionBudget")
                    .Where(b => Rendered.Selects(b["spec"]!["selector"]!.AsObject(), Rendered.Labels(rendered.Template(name)))).ShouldHaveSingleItem(name);
                var minimum = rendered.MinimumReplicas(name);
                // minAvailable 1 with one replica would block every drain of its node.
                if ((string?)budget["spec"]!["minAvailable"] is { } minAvailable) int.Parse(minAvailable).ShouldBeLessThan(minimum, name);
                else ((string?)budget["spec"]!["maxUnavailable"]).ShouldBe("1", name);
            }
    }

    [Fact]
    public void the_stateless_services_scale_with_an_autoscaler_and_the_console_runs_one_replica()
    {
        foreach (var rendered in fixture.Deployable)
        {
            var scaled = rendered.OfKind("HorizontalPodAutoscaler").ToList();
            scaled.Select(h => (string)h["spec"]!["scaleTargetRef"]!["name"]!).ShouldBe(["gateway", "keys-api", "tokens-api", "agents-api", "audit-api"], ignoreOrder: true);
            foreach (var autoscaler in scaled)
            {
                var target = (string)autoscaler["spec"]!["scaleTargetRef"]!["name"]!;
                int.Parse((string)autoscaler["spec"]!["minReplicas"]!).ShouldBeGreaterThanOrEqualTo(2, target);
                autoscaler["spec"]!["metrics"]!.AsArray().ShouldContain(m => (string?)m!["resource"]!["name"] == "cpu", target);
                // The autoscaler owns the count: a replicas field would reset it on every apply.
                rendered.Get("Deployment", target)["spec"]!["replicas"].ShouldBeNull(target);
            }
            // A signed-in page is a SignalR circuit in one replica's memory (docs/deploy.md).
            ((string?)rendered.Get("Deployment", "dashboard")["spec"]!["replicas"]).ShouldBe("1");
        }
    }

    [Fact]
    public void only_the_gateway_is_reachable_from_outside_and_only_through_the_ingress()
    {
        foreach (var rendered in fixture.Deployable)
        {
            // A kind not known here (a Gateway API route, a LoadBalancer of some other make) could expose what is not checked.
            rendered.Objects.Select(o => (string)o["kind"]!).Distinct().ShouldBeSubsetOf(
                ["Namespace", "ConfigMap", "Secret", "Service", "Deployment", "Job", "PodDisruptionBudget", "HorizontalPodAutoscaler", "NetworkPolicy", "Ingress"]);
            foreach (var service in rendered.OfKind("Service"))
            {
                ((string?)service["spec"]!["type"] ?? "ClusterIP").ShouldBe("ClusterIP", Rendered.Name(service));
                service["spec"]!["externalIPs"].ShouldBeNull();
            }
            var ingress = rendered.OfKind("Ingress").ShouldHaveSingleItem()["spec"]!;
            var backends = ingress["rules"]!.AsArray().SelectMany(r => r!["http"]!["paths"]!.AsArray()).Select(p => p!["backend"]!).Append(ingress["defaultBackend"]).OfType<JsonNode>();
            backends.Select(b => (string?)b["service"]!["name"]).ShouldAllBe(name => name == "gateway");
            ingress["tls"]!.AsArray().SelectMany(t => t!["hosts"]!.AsArray()).Select(h => (string?)h).ShouldContain(rendered.PublicHost);
            var namespaces = Names(rendered.OfKind("Namespace")).ShouldHaveSingleItem();
            rendered.Objects.Where(o => (string?)o["kind"] != "Namespace").ShouldAllBe(o => (string?)o["metadata"]!["namespace"] == namespaces);
        }
    }

    [Fact]
    public void network_policies_admit_to_each_service_only_the_gateway_and_its_callers_in_the_manifest()
    {
        foreach (var rendered in fixture.Deployable)
        {
            var policies = rendered.OfKind("NetworkPolicy").Select(p => p["spec"]!.AsObject()).Where(p => p["policyTypes"]!.AsArray().Any(t => (string?)t == "Ingress")).ToList();
            // Pods no policy names (the bootstrap Job) take nothing in.
            policies.ShouldContain(p => p["podSelector"]!.AsObject().Count == 0 && p["ingress"] == null);
            foreach (var deployment in Names(rendered.OfKind("Deployment")))
            {
                var rules = policies.Where(p => Rendered.Selects(p["podSelector"]!.AsObject(), Rendered.Labels(rendered.Template(deployment))))
                    .SelectMany(p => p["ingress"]?.AsArray() ?? []).Select(r => r!.AsObject()).ToList();
                rules.ShouldNotBeEmpty(deployment);
                rules.ShouldAllBe(r => r["ports"]!.AsArray().Single()!["port"]!.ToString() == "http", deployment);
                if (deployment == "gateway")
                {
                    rules.ShouldContain(r => r["from"] == null, "everyone reaches the gateway");
                    continue;
                }
                var peers = rules.SelectMany(r => r["from"]?.AsArray() ?? throw new ShouldAssertException($"{deployment} admits everyone")).Select(p => p!.AsObject()).ToList();
                peers.ShouldAllBe(p => p.Count == 1 && p.ContainsKey("podSelector"), $"{deployment}: only pods of the namespace");
                rendered.PodTemplates.Where(t => peers.Any(p => Rendered.Selects(p["podSelector"]!.AsObject(), Rendered.Labels(t.Template)))).Select(t => t.Owner)
                    .ShouldBe(fixture.Manifest.Callers(deployment, d => rendered.Find("Deployment", d) is not null), ignoreOrder: true, deployment);
            }
        }
    }

    [Fact]
    public void services_that_keep_a_data_protection_key_ring_read_its_certificate_from_a_secret()
    {
        // The setting names the deployment gives, as the platform infrastructure reads them.
        var store = File.ReadAllText(Path.Combine(fixture.Checkout, "services", "Infrastructure", "Persistence", "DataProtectionStore.cs"));
        store.ShouldContain("\"DataProtection:Certificate\"");
        store.ShouldContain("\"DataProtection:CertificatePassword\"");
        var keepers = fixture.Manifest.ProjectsWhoseCodeCalls("AddPlatformDataProtection(").ToList();
        keepers.ShouldBe(["tokens-api", "audit-api", "dashboard"], ignoreOrder: true);
        foreach (var rendered in fixture.Deployable)
            foreach (var name in keepers)
            {
                var container = rendered.Container(name);
                var env = rendered.Environment(container);
                var file = env["DataProtection__Certificate"].ShouldBeOfType<Literal>(name).Value;
                var mount = container["volumeMounts"]!.AsArray().Single(m => file.StartsWith((string)m!["mountPath"]! + "/", StringComparison.Ordinal))!;
                var secret = rendered.Template(name)["spec"]!["volumes"]!.AsArray().Single(v => (string?)v!["name"] == (string?)mount["name"])!["secret"]!;
                var path = file[((string)mount["mountPath"]!).Length..].TrimStart('/');
                var key = secret["items"]?.AsArray().Single(i => (string?)i!["path"] == path)!["key"]?.ToString() ?? path;
                Rendered.Data(rendered.Get("Secret", (string)secret["secretName"]!)).ShouldContainKey(key, name);
                env["DataProtection__CertificatePassword"].ShouldBeOfType<FromSecret>(name);
            }
    }

    [Fact]
    public void the_bootstrap_job_sets_up_every_store_and_succeeds_when_the_account_exists()
    {
        foreach (var rendered in fixture.Deployable)
        {
            var job = rendered.OfKind("Job").ShouldHaveSingleItem();
            var template = MiniKustomize.PodTemplate(job)!;
            ((string?)template["spec"]!["restartPolicy"]).ShouldBe("Never");
            var database = rendered.Environment(rendered.Container("keys-api"))["ConnectionStrings__platform"];
            foreach (var container in MiniKustomize.Containers(template))
                rendered.Environment(container)["ConnectionStrings__platform"].ShouldBe(database);
            // `resources setup` of each service that runs Marten + Wolverine, in its own image.
            var setups = template["spec"]!["initContainers"]!.AsArray().Select(c => c!.AsObject()).ToList();
            setups.ShouldAllBe(c => string.Join(' ', c["args"]!.AsArray().Select(a => (string?)a)) == "resources setup");
            setups.Select(c => (string?)c["image"]).ShouldBe(
                fixture.Manifest.ProjectsWhoseCodeCalls("AddPlatformService(").Select(p => (string?)rendered.Container(p)["image"]), ignoreOrder: true);
            var bootstrap = template["spec"]!["containers"]!.AsArray().Single()!;
            ((string?)bootstrap["image"]).ShouldBe((string?)rendered.Container("keys-api")["image"]);
            var script = string.Join('\n', bootstrap["args"]!.AsArray().Select(a => (string?)a));
            script.ShouldContain("Platform.Keys.dll bootstrap --account");
            // What the Job takes for "already set up" is what the command prints then.
            var existing = AcceptedRefusal().Match(script).Groups[1].Value;
            existing.ShouldNotBeNullOrEmpty();
            File.ReadAllText(Path.Combine(fixture.Checkout, "services", "Keys", "Accounts", "BootstrapCommand.cs")).ShouldContain(existing);
        }
    }

    [Fact]
    public void the_base_holds_no_secret_and_the_example_secrets_hold_placeholders_only()
    {
        // Applying the base never replaces the cluster's own Secrets.
        fixture.Base.OfKind("Secret").ShouldBeEmpty();
        foreach (var secret in fixture.Platform.OfKind("Secret"))
        {
            secret["data"].ShouldBeNull("fake values are readable (stringData), never base64");
            Rendered.Data(secret).Values.ShouldAllBe(v => v.Contains("REPLACE-ME"), Rendered.Name(secret));
        }
    }

    private static void ShouldBeProbed(JsonObject container, string what)
    {
        container["ports"]!.AsArray().ShouldContain(p => (string?)p!["name"] == "http", what);
        foreach (var (probe, path) in new[] { ("readinessProbe", "/health"), ("livenessProbe", "/alive"), ("startupProbe", "/alive") })
        {
            ((string?)container[probe]?["httpGet"]?["path"]).ShouldBe(path, $"{what}: {probe}");
            ((string?)container[probe]!["httpGet"]!["port"]).ShouldBe("http", $"{what}: {probe}");
        }
        // A service took up to 12.4 s from its process start to healthy on 2 cores (bench/README.md): the startup probe waits far longer.
        var startup = container["startupProbe"]!;
        (int.Parse((string)startup["periodSeconds"]!) * int.Parse((string)startup["failureThreshold"]!)).ShouldBeGreaterThanOrEqualTo(60, what);
    }

    /// <summary>The manifest's value with its placeholders resolved as the deployment resolves them (see above).</summary>
    private string Evaluate(string expression, Rendered rendered) => AspireManifest.Placeholder().Replace(expression, placeholder =>
    {
        var (resource, property) = (placeholder.Groups[1].Value, placeholder.Groups[2].Value);
        var binding = fixture.Manifest[resource].GetProperty("bindings").GetProperty("http");
        if (binding.TryGetProperty("targetPort", out var targetPort)) rendered.Port(resource).ShouldBe(targetPort.ToString(), resource);
        return property switch
        {
            "bindings.http.url" when binding.TryGetProperty("external", out var external) && external.GetBoolean() => $"https://{rendered.PublicHost}",
            "bindings.http.url" => rendered.ServiceUrl(resource),
            "bindings.http.targetPort" => rendered.Port(resource),
            _ => throw new ShouldAssertException($"the deployment does not know the manifest's {placeholder.Value}"),
        };
    });

    private bool ReferencesALeftOutProject(string expression, Rendered rendered) => AspireManifest.Placeholder().Matches(expression)
        .Any(p => fixture.Manifest.IsProject(p.Groups[1].Value) && rendered.Find("Deployment", p.Groups[1].Value) is null);

    private static bool IsSample(JsonElement project) => project.GetProperty("path").GetString()!.StartsWith("../samples/", StringComparison.Ordinal);

    private static string Key(JsonObject o) => $"{o["kind"]}/{o["metadata"]!["namespace"]}/{o["metadata"]!["name"]}";

    private static IEnumerable<string> Names(IEnumerable<JsonObject> objects) => objects.Select(Rendered.Name);

    [GeneratedRegex(@"grep -q ""([^""]+)"" \S+ && exit 0")]
    private static partial Regex AcceptedRefusal();
}
